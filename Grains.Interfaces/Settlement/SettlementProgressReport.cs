using Orleans;

namespace Flattr.Settlement;

/// <summary>Where the settlement of <see cref="Month"/> stands.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.SettlementProgressReport")]
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
