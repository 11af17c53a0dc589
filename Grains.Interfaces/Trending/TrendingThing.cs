using Orleans;

namespace Flattr.Trending;

/// <summary>A thing on the trending board: its listing details, this month's flattrs, its <see cref="TrendingHeat"/> and its last click.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.TrendingThing")]
public sealed record TrendingThing(
    long ThingId,
    string Title,
    string Owner,
    string Category,
    string Language,
    long MonthClicks,
    double Heat,
    DateTimeOffset At);
