namespace Flattr.Benchmarks.Loads;

/// <summary>What one bounded load measured: throughput, latency percentiles (ms) and the requests that did not succeed.</summary>
public sealed record LoadResult(
    double PerSecond, long Requests, long Failed, double P50Ms, double P90Ms, double P99Ms, double MaxMs, string? FailureSample = null)
{
    public long NextPair { get; init; }

    /// <summary>CPU time the app used per request during the load (µs), when it was measured.</summary>
    public double? AppCpuMicrosPerRequest { get; init; }

    public static double Percentile(IReadOnlyList<double> sorted, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(fraction * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
