using Silo.Concurrency;

namespace Flattr.Settlement;

/// <summary>Where the settlement of <see cref="Month"/> stands.</summary>
[Immutable]
public sealed record SettlementProgressReport(
    Month Month,
    SettlementState State,
    long GiversTotal,
    long GiversDone,
    long MovedCents,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? Error)
{
    public bool IsFinished => State == SettlementState.Done;
}
