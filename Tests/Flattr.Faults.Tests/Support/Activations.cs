using Orleans;
using Orleans.Runtime;

namespace Flattr.Faults.Tests.Support;

/// <summary>
/// The grain activations of a cluster, as Orleans' management grain reports them from every active silo's activation
/// directory (<see cref="IManagementGrain.GetDetailedGrainStatistics"/>): counted by grain class, named without namespace
/// and without the "Grain" suffix ("Thing" for <c>Flattr.Things.ThingGrain</c>). Orleans' system targets (the per-silo
/// services of its runtime: directory, catalog, reminder service...) live in that directory too but are no activations of
/// grains: they are left out. Orleans' own grains, when active, count.
/// </summary>
public static class Activations
{
    public static async Task<IReadOnlyDictionary<string, int>> ByTypeAsync(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Where(s => !s.GrainId.IsSystemTarget())
            .GroupBy(s => ShortName(s.GrainType), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    /// <summary>"Flattr.Things.ThingGrain,Flattr.Grains" → "Thing".</summary>
    public static string ShortName(string grainType)
    {
        ArgumentNullException.ThrowIfNull(grainType);
        var name = grainType.Split(',', '[', '`')[0];
        name = name[(name.LastIndexOfAny(['.', '+']) + 1)..];
        return name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length ? name[..^"Grain".Length] : name;
    }
}
