using Orleans;

namespace Flattr.Wallets;

/// <summary>
/// A committed flattr (returned only after the click is durable). <see cref="ThingMonthClicks"/> and
/// <see cref="ThingTotalClicks"/> are the thing's counts right after it; <see cref="ValueOfOneClickCents"/> is what each of
/// the giver's clicks this month is worth now.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.FlattrResult")]
public sealed record FlattrResult(
    long GiverId,
    long ThingId,
    Month Month,
    bool Anonymous,
    DateTimeOffset At,
    long ThingMonthClicks,
    long ThingTotalClicks,
    int GiverClicksThisMonth,
    long ValueOfOneClickCents);
