using Flattr.Live;
using Orleans;

namespace Flattr.Things;

/// <summary>
/// A durable click or withdrawal as committed, sent by the wallet to the thing grain. <see cref="MonthClicks"/> and
/// <see cref="Version"/> are the thing's <c>thing_month_counts</c> row after the commit; the grain applies the count only
/// when <see cref="Version"/> is newer than what it holds, so counts converge on the database whatever the arrival order.
/// <see cref="Giver"/> is null for anonymous flattrs.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.ThingCountChange")]
public sealed record ThingCountChange(
    long ThingId,
    Month Month,
    long MonthClicks,
    long Version,
    bool Withdrawal,
    DateTimeOffset At,
    GiverIdentity? Giver);
