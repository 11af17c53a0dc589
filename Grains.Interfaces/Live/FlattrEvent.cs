using Orleans;

namespace Flattr.Live;

[GenerateSerializer, Alias("Flattr.FlattrEventKind")]
public enum FlattrEventKind
{
    Flattr,
    Withdrawal,
}

/// <summary>
/// A click (or withdrawal) on one of a creator's things, for the creator's live ticker. <see cref="Giver"/> is null
/// when the giver flattred anonymously.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.FlattrEvent")]
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
