using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Flattr.Benchmarks.Database;
using Flattr.Benchmarks.Hosting;
using Flattr.Benchmarks.Results;
using Flattr.Hosting;
using Flattr.Things;
using Flattr.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flattr.Benchmarks.Scenarios;

/// <summary>
/// 5a. Bytes per idle thing activation: a fresh process hosts an Orleans silo with Flattr's grain host on a scratch database
/// of a million things, activates every thing grain (each loads its info and counts from the database), and compares the GC
/// heap after a full, compacting collection before and after; Orleans' activation collection is held off meanwhile, and the
/// silo's activation count (IManagementGrain) after the measurement says how many were live. Baseline, in the same process right after: the same things' snapshots held in
/// a plain dictionary, i.e. the state without the runtime.
/// </summary>
public static class ThingMemory
{
    public const string Group = "5 memory";

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var things = settings.MemoryThings.ToString(CultureInfo.InvariantCulture);
        var result = await ChildProcess.RunAsync(new ProcessSpec("thing-memory", "dotnet", [settings.SelfDll, "thing-memory", things])
        {
            Environment = new Dictionary<string, string> { ["FLATTR_TEST_POSTGRES"] = settings.Server },
        }, settings.LogFolder, TimeSpan.FromMinutes(15), cancellationToken);
        var line = result.Output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        var name = string.Create(CultureInfo.InvariantCulture, $"Heap per idle thing activation ({settings.MemoryThings:N0} activated)");
        if (!result.Succeeded || line is null)
        {
            return [Figure.Failed(Group, name, "B", $"the memory run failed (exit {result.ExitCode}): {result.Error[^Math.Min(300, result.Error.Length)..]}")];
        }

        var measured = JsonSerializer.Deserialize(line["RESULT ".Length..], MemoryJsonContext.Default.MemoryResult)!;
        log(string.Create(CultureInfo.InvariantCulture,
            $"thing memory: {measured.Things:N0} activated in {measured.ActivationSeconds:N1} s ({measured.ActivationCpuSeconds * 1e6 / Math.Max(1, measured.Things):N0} µs " +
            $"of the silo process's CPU each), {measured.Activations:N0} live when measured, {measured.HeapBytesPerActivation:N0} B heap " +
            $"({measured.WorkingSetBytesPerActivation:N0} B working set) each; plain dictionary {measured.DictionaryBytesPerThing:N0} B each"));
        return
        [
            new Figure(Group, name, "B", measured.HeapBytesPerActivation, measured.DictionaryBytesPerThing, "same state in a dictionary",
                Note: measured.Activations < measured.Things
                    ? string.Create(CultureInfo.InvariantCulture, $"only {measured.Activations:N0} of {measured.Things:N0} activations were live after the heap was measured")
                    : null),
            new Figure(Group, "Working set per idle thing activation", "B", measured.WorkingSetBytesPerActivation),
            new Figure(Group, "Activations live when the heap was measured (IManagementGrain)", "", measured.Activations, measured.Things,
                "thing grains activated"),
        ];
    }

    /// <summary>The child process: <c>Flattr.Benchmarks thing-memory N</c>; prints one RESULT line of JSON.</summary>
    public static async Task<int> MeasureAsync(int count, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var server = Environment.GetEnvironmentVariable("FLATTR_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres";
        await using var database = await BenchDatabase.CreateAsync(server, "flattr_bench_memory", migrate: true, cancellationToken);
        var clock = Stopwatch.StartNew();
        await database.ExecuteAsync("""
            INSERT INTO users (username, email, display_name)
            SELECT 'owner_' || i, 'owner_' || i || '@example.org', 'Owner ' || i FROM generate_series(1, $1) AS i
            """, cancellationToken, Math.Max(1, count / 1000));
        await database.ExecuteAsync("""
            INSERT INTO things (owner_id, url, title, category, language)
            SELECT u.id, 'https://memory.example.org/' || u.id || '/' || k, 'Memory thing ' || k, 'text', 'en_GB'
            FROM users u CROSS JOIN generate_series(1, 1000) AS k
            ORDER BY u.id, k
            LIMIT $1
            """, cancellationToken, count);
        await database.ExecuteAsync("VACUUM ANALYZE things", cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"seeded {count:N0} things in {clock.Elapsed.TotalSeconds:N1} s"));

        // An Orleans silo of its own in this process (loopback clustering on free ports) running Flattr's grain host as a
        // deployed silo does. Idle activations must stay for the whole measurement: the collection age is far beyond it,
        // and the month-end reminder (a grain of its own) is not started.
        var ports = FreePorts.Take(2);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flattr:Silo:GrainCollection:CollectionAge"] = "02:00:00",
            ["Flattr:Settlement:StartMonthEndReminder"] = "false",
        });
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(ports[0], ports[1], serviceId: "flattr-bench-memory", clusterId: "flattr-bench-memory")
            .AddFlattrGrainHost(builder.Configuration, database.ConnectionString));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        var ids = new List<long>(count);
        await using (var command = database.DataSource.CreateCommand("SELECT id FROM things ORDER BY id"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        // JIT and pools warm before the first measurement, on a thing outside the measured set.
        await grains.GetThing(ids[^1]).GetCounts();
        var measuredIds = ids[..^1];
        var activationsBefore = await management.GetTotalActivationCount(cancellationToken);
        var before = Settle();
        var cpuBefore = ProcessCpuSeconds();
        clock.Restart();
        await Parallel.ForEachAsync(measuredIds, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (id, _) => await grains.GetThing(id).GetCounts());
        var activationSeconds = clock.Elapsed.TotalSeconds;
        var activationCpuSeconds = ProcessCpuSeconds() - cpuBefore;
        var after = Settle();

        // Counted after the heap was measured: had Orleans collected some of them first, the figure would say so.
        var activations = await management.GetTotalActivationCount(cancellationToken) - activationsBefore;

        // The baseline: the same snapshots (info and counts), in a dictionary.
        var store = host.Services.GetRequiredService<ThingStore>();
        var plain = new Dictionary<long, ThingSnapshot>();
        var month = Month.Current(TimeProvider.System);
        foreach (var chunk in measuredIds.Chunk(10_000))
        {
            foreach (var info in await store.GetManyAsync(chunk, cancellationToken))
            {
                plain[info.Id] = new ThingSnapshot(info, new ThingCounts(info.Id, month, 0, 0, null));
            }
        }

        var withDictionary = Settle();
        GC.KeepAlive(plain);
        var result = new MemoryResult(
            measuredIds.Count,
            activations,
            activationSeconds,
            activationCpuSeconds,
            (double)(after.Heap - before.Heap) / measuredIds.Count,
            (double)(after.WorkingSet - before.WorkingSet) / measuredIds.Count,
            (double)(withDictionary.Heap - after.Heap) / plain.Count);
        await output.WriteLineAsync("RESULT " + JsonSerializer.Serialize(result, MemoryJsonContext.Default.MemoryResult));
        await output.FlushAsync(cancellationToken);

        // A million deactivations would only measure shutdown: the silo gets a few seconds to stop, then the database is
        // dropped with whatever connections are left in it.
        using (var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await host.StopAsync(shutdown.Token);
            }
            catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
            {
                // Stopped ungracefully: the figures are printed already.
            }
        }

        return 0;
    }

    static double ProcessCpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    static (long Heap, long WorkingSet) Settle()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}

public sealed record MemoryResult(
    [property: JsonPropertyName("things")] int Things,
    [property: JsonPropertyName("activations")] int Activations,
    [property: JsonPropertyName("activation_seconds")] double ActivationSeconds,
    [property: JsonPropertyName("activation_cpu_seconds")] double ActivationCpuSeconds,
    [property: JsonPropertyName("heap_bytes_per_activation")] double HeapBytesPerActivation,
    [property: JsonPropertyName("working_set_bytes_per_activation")] double WorkingSetBytesPerActivation,
    [property: JsonPropertyName("dictionary_bytes_per_thing")] double DictionaryBytesPerThing);

[JsonSerializable(typeof(MemoryResult))]
public sealed partial class MemoryJsonContext : JsonSerializerContext;
