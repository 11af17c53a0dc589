using Flattr.Diagnostics;

namespace Flattr.Clicks;

/// <summary>Counts each click (an add; withdrawals are not clicks) of a finished batch as accepted or refused, by reason.</summary>
internal static class ClickOutcomes
{
    public static void Count(ClickBatch batch)
    {
        foreach (var pending in batch.All)
        {
            if (pending.Operation == ClickOperation.Add && pending.Completion.Task.IsCompletedSuccessfully)
            {
                var status = pending.Completion.Task.Result.Status;
                if (status == ClickWriteStatus.Added)
                {
                    FlattrInstruments.ClicksAccepted.Add(1);
                }
                else
                {
                    FlattrInstruments.ClicksRefused.Add(1, new KeyValuePair<string, object?>("reason", Reason(status)));
                }
            }
        }
    }

    public static void CountFailed(ClickBatch batch)
    {
        var adds = batch.All.Count(p => p.Operation == ClickOperation.Add);
        if (adds > 0)
        {
            FlattrInstruments.ClicksRefused.Add(adds, new KeyValuePair<string, object?>("reason", "database_failure"));
        }
    }

    static string Reason(ClickWriteStatus status) => status switch
    {
        ClickWriteStatus.Duplicate => "duplicate",
        ClickWriteStatus.MonthClosed => "month_closed",
        ClickWriteStatus.GiverNotFound => "giver_not_found",
        ClickWriteStatus.ThingNotFound => "thing_not_found",
        ClickWriteStatus.ThingInactive => "thing_inactive",
        ClickWriteStatus.OwnThing => "own_thing",
        ClickWriteStatus.NoMeans => "no_means",
        _ => "other",
    };
}
