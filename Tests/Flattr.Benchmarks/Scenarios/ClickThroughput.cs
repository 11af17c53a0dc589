using System.Globalization;
using Flattr.Benchmarks.Database;
using Flattr.Benchmarks.Hosting;
using Flattr.Benchmarks.Loads;
using Flattr.Benchmarks.Results;

namespace Flattr.Benchmarks.Scenarios;

/// <summary>
/// 1. Durable clicks per second over HTTP: wrk POSTs the real flattr endpoint as signed-in givers (session cookie and
/// antiforgery token, as Flattr's pages send them) on many things, each (giver, thing) once, so every request is a new click
/// through the wallet grain, the click store's group commit, the thing grain and the live events. Baselines: pgbench inserting
/// one row per commit with as many clients on the same server (information), and the app's own hello-world endpoint for the
/// CPU a request costs (the reads part's, or a short round of its own when the reads do not run).
/// </summary>
public static class ClickThroughput
{
    public const string Group = "1 clicks";

    public static async Task<IReadOnlyDictionary<int, LoadResult>> BaselineAsync(BenchSettings settings, Action<string> log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var database = await BenchDatabase.CreateAsync(settings.Server, "flattr_bench_pgbench", migrate: false, cancellationToken);
        await PgBench.CreateTableAsync(database, cancellationToken);
        var results = new Dictionary<int, LoadResult>();
        foreach (var clients in settings.ClickConnections)
        {
            await database.CheckpointAsync(cancellationToken);
            results[clients] = await PgBench.RunAsync(settings, database, clients, settings.LoadSeconds, cancellationToken);
            log(string.Create(CultureInfo.InvariantCulture,
                $"pgbench {clients} clients: {results[clients].PerSecond:N0} tps, p99 {results[clients].P99Ms:N1} ms"));
        }

        return results;
    }

    public static async Task<(IReadOnlyDictionary<int, LoadResult> Results, long StoredClicks)> RunAsync(BenchSettings settings,
        WebApp app, BenchDatabase database, IReadOnlyList<SignedInUser> givers, IReadOnlyList<long> things, Action<string> log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(givers);
        ArgumentNullException.ThrowIfNull(things);
        if (Gcd(things.Count + 1, givers.Count) != 1)
        {
            throw new InvalidOperationException($"{givers.Count} givers and {things.Count} things do not make distinct pairs (gcd(T + 1, G) must be 1).");
        }

        var work = Path.Combine(settings.OutputFolder, "work");
        Directory.CreateDirectory(work);
        var credentials = Path.Combine(work, "givers.tsv");
        var thingsFile = Path.Combine(work, "load-things.txt");
        await File.WriteAllLinesAsync(credentials, givers.Select(g => g.Cookie + "\t" + g.Token), cancellationToken);
        await File.WriteAllLinesAsync(thingsFile, things.Select(t => t.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        var pairs = (long)givers.Count * things.Count;
        var nextPair = 0L;

        async Task<LoadResult> LoadAsync(string name, int connections, int seconds)
        {
            var threads = Math.Min(Math.Max(1, MachineProbe.Cores), connections);
            var cpuBefore = app.CpuSeconds;
            var result = await Wrk.RunAsync(settings, name, app.BaseAddress, connections, seconds, "click.lua",
                [credentials, thingsFile, nextPair.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture)],
                cancellationToken);
            result = result with { AppCpuMicrosPerRequest = (app.CpuSeconds - cpuBefore) * 1e6 / Math.Max(1, result.Requests) };
            nextPair = result.NextPair;
            if (nextPair >= pairs)
            {
                throw new InvalidOperationException($"The click loads used {nextPair:N0} of {pairs:N0} (giver, thing) pairs: seed more things.");
            }

            log(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {result.PerSecond:N0} clicks/s, p50 {result.P50Ms:N1} ms, p99 {result.P99Ms:N1} ms, app CPU {result.AppCpuMicrosPerRequest:N0} µs/click, " +
                $"{result.Failed} failed {result.FailureSample}"));
            return result;
        }

        // Warm-up (discarded): activates the givers' wallets, the things, their creators, JIT and connection pools.
        await LoadAsync("clicks-warm-up", 64, settings.WarmUpSeconds);
        var results = new Dictionary<int, LoadResult>();
        foreach (var connections in settings.ClickConnections)
        {
            await database.CheckpointAsync(cancellationToken);
            results[connections] = await LoadAsync("clicks-" + connections.ToString(CultureInfo.InvariantCulture), connections, settings.LoadSeconds);
        }

        var stored = await database.ScalarAsync<long>("SELECT count(*) FROM clicks", cancellationToken);
        return (results, stored);
    }

    /// <summary>
    /// The click figures: throughput and latency beside pgbench's (information: a click does far more than one insert), p99
    /// at 64 connections under 25 ms, and the app's CPU per click against its CPU per hello-world request measured in the
    /// same run (<paramref name="hello"/>, null if that load failed), at most 3×.
    /// </summary>
    public static IEnumerable<Figure> Figures(IReadOnlyDictionary<int, LoadResult> ours, IReadOnlyDictionary<int, LoadResult> baseline, LoadResult? hello)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(baseline);
        const string Pgbench = "pgbench, 1 row/commit";
        const string HelloCpu = ButtonReads.Hello + ", same run";
        foreach (var (connections, result) in ours.OrderBy(p => p.Key))
        {
            var pg = baseline.GetValueOrDefault(connections);
            var note = result.Failed > 0 ? $"{result.Failed} of {result.Requests} requests failed, e.g. {result.FailureSample}" : null;
            var c = connections.ToString(CultureInfo.InvariantCulture);
            yield return new Figure(Group, $"Durable clicks/s, {c} connections", "/s", result.PerSecond, pg?.PerSecond, Pgbench, Note: note);
            yield return new Figure(Group, $"Click latency p50, {c} connections", "ms", result.P50Ms, pg?.P50Ms, Pgbench);
            yield return new Figure(Group, $"Click latency p99, {c} connections", "ms", result.P99Ms, pg?.P99Ms, Pgbench,
                connections == 64 ? Target.Below(25) : null);
            yield return new Figure(Group, $"App CPU per click, {c} connections", "µs", result.AppCpuMicrosPerRequest, hello?.AppCpuMicrosPerRequest, HelloCpu);
            var name = $"App CPU per click ÷ per hello-world request, {c} connections";
            yield return result.AppCpuMicrosPerRequest is { } click && hello?.AppCpuMicrosPerRequest is { } request && request > 0
                ? new Figure(Group, name, "×", click / request, Target: Target.AtMost(3.0))
                : Figure.Failed(Group, name, "×", "no same-run hello-world CPU figure to divide by", Target.AtMost(3.0));
        }
    }

    static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
