using Orleans;

namespace Flattr.Trending;

/// <summary>The typed way to reach the trending board.</summary>
public static class TrendingGrainFactoryExtensions
{
    public static ITrendingGrain GetTrending(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<ITrendingGrain>(Singletons.Key);
    }
}
