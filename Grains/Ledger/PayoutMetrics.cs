using Flattr.Diagnostics;
using Flattr.Payouts;

namespace Flattr.Ledger;

/// <summary>Counts a payout the ledger committed (requested, paid or failed) and its cents, tagged by status.</summary>
internal static class PayoutMetrics
{
    public static void Count(PayoutStatus status, long amountCents)
    {
        var tag = new KeyValuePair<string, object?>("status", status switch
        {
            PayoutStatus.Paid => "paid",
            PayoutStatus.Failed => "failed",
            _ => "requested",
        });
        FlattrInstruments.Payouts.Add(1, tag);
        FlattrInstruments.PayoutCents.Add(amountCents, tag);
    }
}
