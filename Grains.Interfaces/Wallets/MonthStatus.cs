using Orleans;

namespace Flattr.Wallets;

/// <summary>Where a month is in its life: clicks are taken only while it is <see cref="Open"/> and current.</summary>
[GenerateSerializer, Alias("Flattr.MonthStatus")]
public enum MonthStatus
{
    Open,

    /// <summary>Over (UTC) but not yet being settled: no more clicks, withdrawals still allowed.</summary>
    Ended,
    Settling,
    Settled,
}
