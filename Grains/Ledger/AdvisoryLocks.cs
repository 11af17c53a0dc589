namespace Flattr.Ledger;

/// <summary>Transaction-level advisory lock keys shared by the ledger and the settlement (64-bit, "Flattr" in the high bytes).</summary>
internal static class AdvisoryLocks
{
    /// <summary>
    /// Payouts take it shared, settlement planning exclusive: a plan's balance snapshot never races a payout,
    /// and once a month is settling new payouts see it and wait for the month to be settled.
    /// </summary>
    public const long SettlementGate = 0x466C_6174_7472_0001;
}
