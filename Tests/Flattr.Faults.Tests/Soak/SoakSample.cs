using System.Globalization;

namespace Flattr.Faults.Tests.Soak;

/// <summary>One look at the app under load: traffic so far, activations by grain type, live observers, memory.</summary>
public sealed record SoakSample(
    TimeSpan At,
    bool UnderLoad,
    long Requests,
    long Failures,
    int Activations,
    IReadOnlyDictionary<string, int> ActivationsByType,
    int WatchedThings,
    int WatchedCreators,
    long HeapBytes,
    long ResidentBytes)
{
    public int Of(string grainType) => ActivationsByType.GetValueOrDefault(grainType);

    public override string ToString()
    {
        var types = string.Join(", ", ActivationsByType.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key} {p.Value}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{(UnderLoad ? "load" : "idle")} t={At.TotalSeconds,5:0}s requests={Requests,6} failures={Failures} activations={Activations,4} [{types}] " +
            $"watched={WatchedThings}/{WatchedCreators} heap={HeapBytes / 1048576.0,6:0.0}MB rss={ResidentBytes / 1048576.0,6:0.0}MB");
    }
}
