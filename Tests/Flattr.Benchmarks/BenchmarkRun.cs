using System.Diagnostics;
using System.Globalization;
using Flattr.Benchmarks.Database;
using Flattr.Benchmarks.Hosting;
using Flattr.Benchmarks.Loads;
using Flattr.Benchmarks.Results;
using Flattr.Benchmarks.Scenarios;

namespace Flattr.Benchmarks;

/// <summary>
/// The whole run: database baselines first (pgbench, while nothing else uses the server), then the app with its seeded
/// population for the web figures, then the settlement, memory and grain-call figures in their own processes. Every load runs
/// for a fixed time on loopback; every process started here is stopped here. A scenario that fails becomes a row saying so.
/// </summary>
public static class BenchmarkRun
{
    public static async Task<int> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(settings.OutputFolder);
        if (Directory.Exists(settings.LogFolder))
        {
            Directory.Delete(settings.LogFolder, recursive: true);
        }

        var loadAtStart = MachineProbe.LoadAverage;
        Log($"{settings}; {MachineProbe.Cores} cores, load average {loadAtStart}");
        var postgres = await BenchDatabase.ServerVersionAsync(settings.Server, cancellationToken);
        var figures = new List<Figure>();
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["settings"] = settings.ToString() };

        if (settings.NeedsWebApp)
        {
            try
            {
                figures.AddRange(await WebFiguresAsync(settings, details, cancellationToken));
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException or Npgsql.NpgsqlException)
            {
                // E.g. the app stopped under the run (another process on the machine signalled it): the other figures still count.
                Log($"the web figures failed: {e}");
                figures.Add(Figure.Failed("1-3 web", "Web figures (clicks, reads, live)", string.Empty, "failed: " + e.Message.Split('\n')[0]));
            }
        }

        if (settings.Runs("settlement"))
        {
            figures.AddRange(await Guarded(SettlementTime.Group, () => SettlementTime.RunAsync(settings, Log, cancellationToken)));
        }

        if (settings.Runs("memory"))
        {
            figures.AddRange(await Guarded(ThingMemory.Group, () => ThingMemory.RunAsync(settings, Log, cancellationToken)));
        }

        if (settings.Runs("grains"))
        {
            figures.AddRange(await Guarded(GrainCalls.Group, () => GrainCalls.RunAsync(settings, Log, cancellationToken)));
        }

        if (settings.Runs("search"))
        {
            figures.AddRange(await Guarded(SearchLatency.Group, () => SearchLatency.RunAsync(settings, Log, cancellationToken)));
        }

        if (settings.Runs("cluster"))
        {
            figures.AddRange(await Guarded(ClusterClicks.Group, () => ClusterClicks.RunAsync(settings, Log, cancellationToken)));
        }

        var machine = new MachineInfo(MachineProbe.Cores, Math.Round(MachineProbe.MemoryGiB, 1), MachineProbe.Cpu, MachineProbe.Os,
            MachineProbe.DotNet, postgres, loadAtStart, MachineProbe.LoadAverage);
        var report = ResultTable.Report(started, clock.Elapsed, machine, [.. figures.OrderBy(f => f.Group, StringComparer.Ordinal)], details);
        var work = Path.Combine(settings.OutputFolder, "work");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        await File.WriteAllTextAsync(Path.Combine(settings.OutputFolder, "latest.json"), ResultTable.Json(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(settings.OutputFolder, "latest.md"), ResultTable.Markdown(report), cancellationToken);
        Console.WriteLine();
        Console.WriteLine(ResultTable.Text(report));
        Console.WriteLine($"Written to {Path.Combine(settings.OutputFolder, "latest.json")} and latest.md; logs in {settings.LogFolder}.");
        return figures.Any(f => f.Ours is null) ? 1 : 0;
    }

    static async Task<IReadOnlyList<Figure>> WebFiguresAsync(BenchSettings settings, Dictionary<string, string> details,
        CancellationToken cancellationToken)
    {
        var figures = new List<Figure>();
        IReadOnlyDictionary<int, LoadResult>? baseline = null;
        if (settings.Runs("clicks"))
        {
            // pgbench needs up to 256 connections: it runs before the app holds any.
            baseline = await ClickThroughput.BaselineAsync(settings, Log, cancellationToken);
        }

        await using var database = await BenchDatabase.CreateAsync(settings.Server, "flattr_bench", migrate: true, cancellationToken);
        var population = await BenchPopulation.SeedAsync(database, settings.Givers, settings.Creators, settings.LoadThingsPerCreator, cancellationToken);
        Log($"seeded {population.Givers.Count} givers, {population.Creators.Count} creators, {population.LoadThingIds.Count + population.Creators.Count} things");
        await using var app = await WebApp.StartAsync(settings, database.ConnectionString, cancellationToken);
        Log($"app on {app.BaseAddress}");
        try
        {
            var clock = Stopwatch.StartNew();
            var givers = await SignIns.SignInAllAsync(app.BaseAddress, population.Givers.Select(g => (g.Id, g.Username)),
                BenchPopulation.Password, cancellationToken);
            var creators = settings.Runs("live")
                ? await SignIns.SignInAllAsync(app.BaseAddress, population.Creators.Select(c => (c.Id, c.Username)), BenchPopulation.Password,
                    cancellationToken)
                : [];
            details["sign-ins"] = string.Create(CultureInfo.InvariantCulture,
                $"{givers.Count + creators.Count} users signed in through /signin in {clock.Elapsed.TotalSeconds:N1} s (not measured)");
            Log(details["sign-ins"]);

            // The clicks' CPU per request is compared with the hello-world endpoint's in the same run: the reads part measures
            // it; without the reads, the clicks part measures a short hello-world round of its own.
            IReadOnlyDictionary<int, LoadResult>? clicks = null;
            if (settings.Runs("clicks"))
            {
                figures.AddRange(await Guarded(ClickThroughput.Group, async () =>
                {
                    var (ours, stored) = await ClickThroughput.RunAsync(settings, app, database, givers, population.LoadThingIds, Log, cancellationToken);
                    var answered = ours.Values.Sum(r => r.Requests - r.Failed);
                    details["clicks stored"] = string.Create(CultureInfo.InvariantCulture,
                        $"{stored:N0} clicks in the database after the click loads (warm-up included); {answered:N0} measured clicks answered 200");
                    Log(details["clicks stored"]);
                    clicks = ours;
                    return [];
                }));
            }

            LoadResult? hello = null;
            if (settings.Runs("reads"))
            {
                figures.AddRange(await Guarded(ButtonReads.Group, async () =>
                {
                    var (reads, helloWorld) = await ButtonReads.RunAsync(settings, app,
                        population.LoadThingIds.Concat(population.Creators.Select(c => c.LiveThingId)), Log, cancellationToken);
                    hello = helloWorld;
                    return reads;
                }));
            }

            if (clicks is not null)
            {
                if (hello is null)
                {
                    try
                    {
                        hello = await ButtonReads.HelloWorldAsync(settings, app, Log, cancellationToken);
                        details["hello world for the clicks"] = string.Create(CultureInfo.InvariantCulture,
                            $"no hello-world load from the reads: the clicks' CPU baseline is a round of its own, {hello.AppCpuMicrosPerRequest:N1} µs/request");
                    }
                    catch (Exception e) when (Recoverable(e))
                    {
                        Log($"the hello-world load for the clicks failed: {e}");
                    }
                }

                figures.AddRange(ClickThroughput.Figures(clicks, baseline ?? new Dictionary<int, LoadResult>(), hello));
            }

            if (settings.Runs("live"))
            {
                figures.AddRange(await Guarded(LiveLatency.Group, () => LiveLatency.RunAsync(settings, app, creators, population.Creators, givers, Log,
                    cancellationToken)));
            }
        }
        finally
        {
            await app.StopAsync();
        }

        return figures;
    }

    static async Task<IReadOnlyList<Figure>> Guarded(string group, Func<Task<IReadOnlyList<Figure>>> scenario)
    {
        try
        {
            return await scenario();
        }
        catch (Exception e) when (Recoverable(e))
        {
            Log($"{group} failed: {e}");
            return [Figure.Failed(group, group, string.Empty, "failed: " + e.Message.Split('\n')[0])];
        }
    }

    /// <summary>What a failed scenario throws (a load that failed, the app gone, the database refusing): the run goes on.</summary>
    static bool Recoverable(Exception e) =>
        e is InvalidOperationException or TimeoutException or HttpRequestException or IOException or Npgsql.NpgsqlException;

    static void Log(string message) =>
        Console.Error.WriteLine($"[bench {DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {message}");
}
