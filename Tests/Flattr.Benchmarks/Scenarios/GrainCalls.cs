using System.Text.Json;
using Flattr.Benchmarks.Hosting;
using Flattr.Benchmarks.Results;

namespace Flattr.Benchmarks.Scenarios;

/// <summary>
/// 6. The runtime's micro-benchmark (Tests/Silo.Benchmarks, BenchmarkDotNet, short job, in process): a grain call against a
/// direct interface call of the same method on an instance of the same grain class (GrainCallBenchmarks).
/// </summary>
public static class GrainCalls
{
    public const string Group = "6 grain calls";

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var artifacts = Path.Combine(settings.OutputFolder, "work", "benchmarkdotnet");
        if (Directory.Exists(artifacts))
        {
            Directory.Delete(artifacts, recursive: true);
        }

        var result = await ChildProcess.RunAsync(new ProcessSpec("grain-calls", "dotnet",
            [
                settings.SiloBenchmarksDll, "--filter", "*GrainCallBenchmarks.DirectCall", "*GrainCallBenchmarks.GrainCall",
                "--job", "short", "--inProcess", "--exporters", "json", "--artifacts", artifacts,
            ]),
            settings.LogFolder, TimeSpan.FromMinutes(5), cancellationToken);
        var methods = new Dictionary<string, (double Mean, double Bytes)>(StringComparer.Ordinal);
        var results = Path.Combine(artifacts, "results");
        foreach (var report in Directory.Exists(results) ? Directory.EnumerateFiles(results, "*-report-full-compressed.json") : [])
        {
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, cancellationToken));
            foreach (var benchmark in json.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                // A benchmark that failed has null statistics; one without a memory diagnoser has null memory.
                if (benchmark.GetProperty("Statistics") is not { ValueKind: JsonValueKind.Object } statistics)
                {
                    continue;
                }

                var bytes = benchmark.TryGetProperty("Memory", out var memory) && memory.ValueKind == JsonValueKind.Object
                    ? memory.GetProperty("BytesAllocatedPerOperation").GetDouble()
                    : double.NaN;
                methods[benchmark.GetProperty("Type").GetString() + "." + benchmark.GetProperty("Method").GetString()] =
                    (statistics.GetProperty("Mean").GetDouble(), bytes);
            }
        }

        const string GrainName = "GrainCallBenchmarks.GrainCall";
        const string DirectName = "GrainCallBenchmarks.DirectCall";
        if (!result.Succeeded || !methods.TryGetValue(GrainName, out var grain) || !methods.TryGetValue(DirectName, out var direct))
        {
            return [Figure.Failed(Group, "Grain call", "ns", $"the micro-benchmark failed (exit {result.ExitCode})")];
        }
        log($"{GrainName}: grain call {grain.Mean:N0} ns ({grain.Bytes:N0} B), direct call {direct.Mean:N1} ns ({direct.Bytes:N0} B)");
        const string Direct = "direct interface call";
        return
        [
            new Figure(Group, "Grain call (in-memory silo, activation made)", "ns", grain.Mean, direct.Mean, Direct),
            new Figure(Group, "Allocated per grain call", "B", grain.Bytes, direct.Bytes, Direct),
        ];
    }
}
