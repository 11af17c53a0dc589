using System.Diagnostics;
using Flattr.Diagnostics;

namespace Flattr.Clicks;

/// <summary>
/// The span of one group commit. The writer loop runs outside every caller's trace, so the span continues the trace of the
/// batch's first write (its SQL statements then sit under that click's request) and links every other write's trace, as
/// OpenTelemetry advises for batches: each click's trace leads to the commit it waited on.
/// </summary>
internal static class ClickBatchTrace
{
    public const string Name = "flattr.click_batch";

    public static Activity? Start(ClickBatch batch)
    {
        if (!FlattrInstruments.Activities.HasListeners())
        {
            return null;
        }

        ActivityContext parent = default;
        List<ActivityLink>? links = null;
        foreach (var pending in batch.All)
        {
            if (pending.Caller == default)
            {
                continue;
            }

            if (parent == default)
            {
                parent = pending.Caller;
            }
            else
            {
                (links ??= []).Add(new ActivityLink(pending.Caller));
            }
        }

        // Started without an ambient parent: the loop's Activity.Current is whatever the previous batch left (none).
        Activity.Current = null;
        var activity = FlattrInstruments.Activities.StartActivity(Name, ActivityKind.Internal, parent, links: links);
        activity?.SetTag("flattr.click_batch.size", batch.Count);
        return activity;
    }
}
