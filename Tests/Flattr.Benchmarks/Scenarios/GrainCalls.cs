using System.Text.Json;
using Flattr.Benchmarks.Hosting;
using Flattr.Benchmarks.Results;

namespace Flattr.Benchmarks.Scenarios;

/// <summary>
/// 6. The runtime's micro-benchmark (Tests/Silo.Benchmarks, BenchmarkDotNet, short job, in process): a grain call against a
/// direct interface call of the same method. The runtime's own GrainCallBenchmarks when the build has them, else
/// GrainCallOverheadBenchmarks (the same measurement, written here before the runtime's landed).
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
                settings.SiloBenchmarksDll, "--filter", "*GrainCallBenchmarks.DirectCall", "*GrainCallBenchmarks.GrainCall", "*GrainCallOverheadBenchmarks*",
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
                methods[benchmark.GetProperty("Type").GetString() + "." + benchmark.GetProperty("Method").GetString()] =
                    (benchmark.GetProperty("Statistics").GetProperty("Mean").GetDouble(),
                     benchmark.GetProperty("Memory").GetProperty("BytesAllocatedPerOperation").GetDouble());
            }
        }

        var (grainName, directName) = methods.ContainsKey("GrainCallBenchmarks.GrainCall")
            ? ("GrainCallBenchmarks.GrainCall", "GrainCallBenchmarks.DirectCall")
            : ("GrainCallOverheadBenchmarks.Grain_call", "GrainCallOverheadBenchmarks.Direct_call");
        if (!result.Succeeded || !methods.TryGetValue(grainName, out var grain) || !methods.TryGetValue(directName, out var direct))
        {
            return [Figure.Failed(Group, "Grain call", "ns", $"the micro-benchmark failed (exit {result.ExitCode})")];
        }
        log($"{grainName}: grain call {grain.Mean:N0} ns ({grain.Bytes:N0} B), direct call {direct.Mean:N1} ns ({direct.Bytes:N0} B)");
        const string Direct = "direct interface call";
        return
        [
            new Figure(Group, "Grain call (in-memory silo, activation made)", "ns", grain.Mean, direct.Mean, Direct),
            new Figure(Group, "Allocated per grain call", "B", grain.Bytes, direct.Bytes, Direct),
        ];
    }
}
