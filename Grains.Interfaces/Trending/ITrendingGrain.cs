using System.Collections.Immutable;
using Flattr.Live;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Trending;

/// <summary>
/// The trending board of the whole service (singleton, key <see cref="Singletons.Key"/>): every listed thing clicked within
/// <see cref="TrendingHeat.Horizon"/> with its <see cref="TrendingHeat"/>, and the latest public flattrs. Seeded from the
/// database when it activates (on whichever silo), then fed by the live feed (<see cref="ILiveFeedGrain"/> forwards every count
/// change). Hosts read it and watch it for the things that moved.
/// </summary>
[Alias("Flattr.ITrendingGrain")]
public interface ITrendingGrain : IGrainWithIntegerKey
{
    /// <summary>A thing's count moved (from the live feed); one-way: the feed never waits for the board.</summary>
    [OneWay]
    Task Record(ThingCountChanged change);

    /// <summary>The hottest listed things now, optionally of one category and/or language, hottest first (newest id among equals).</summary>
    [ReadOnly]
    Task<ImmutableArray<TrendingThing>> Top(string? category, string? language, int count);

    /// <summary>The latest flattrs on listed things, newest first.</summary>
    [ReadOnly]
    Task<ImmutableArray<RecentFlattr>> Recent(int count);

    /// <summary>Subscribes to the things that move; renew within a minute (the subscription lapses otherwise).</summary>
    Task Watch(ITrendingObserver observer);

    Task Unwatch(ITrendingObserver observer);
}
