using Silo.Concurrency;

namespace Flattr.Live;

public enum FlattrEventKind
{
    Flattr,
    Withdrawal,
}

/// <summary>
/// A click (or withdrawal) on one of a creator's things, for the creator's live ticker. <see cref="Giver"/> is null
/// when the giver flattred anonymously.
/// </summary>
[Immutable]
public sealed record FlattrEvent(
    FlattrEventKind Kind,
    long ThingId,
    string ThingTitle,
    string ThingUrl,
    Month Month,
    GiverIdentity? Giver,
    DateTimeOffset At,
    long ThingMonthClicks,
    long ThingTotalClicks);
