using System.Collections.Immutable;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Trending;

/// <summary>Receives the things whose trending heat moved (through <see cref="ITrendingGrain.Watch"/>).</summary>
[Alias("Flattr.ITrendingObserver")]
public interface ITrendingObserver : IGrainObserver
{
    /// <summary>One-way and best effort, like every live push: the grain does not wait for a watching host.</summary>
    [OneWay]
    Task OnMoved(ImmutableArray<TrendingThing> moved);
}
