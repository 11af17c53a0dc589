using System.Text.Json;
using Flattr.Benchmarks.Hosting;
using Flattr.Benchmarks.Results;

namespace Flattr.Benchmarks.Scenarios;

/// <summary>6. The runtime's micro-benchmark (Tests/Silo.Benchmarks, BenchmarkDotNet, short job, in process): a grain call
/// against a direct interface call of the same method.</summary>
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
            [settings.SiloBenchmarksDll, "--filter", "*GrainCallOverhead*", "--job", "short", "--inProcess", "--exporters", "json", "--artifacts", artifacts]),
            settings.LogFolder, TimeSpan.FromMinutes(5), cancellationToken);
        var report = Directory.Exists(Path.Combine(artifacts, "results"))
            ? Directory.EnumerateFiles(Path.Combine(artifacts, "results"), "*GrainCallOverhead*-report-full-compressed.json").FirstOrDefault()
            : null;
        if (!result.Succeeded || report is null)
        {
            return [Figure.Failed(Group, "Grain call", "ns", $"the micro-benchmark failed (exit {result.ExitCode})")];
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, cancellationToken));
        var methods = json.RootElement.GetProperty("Benchmarks").EnumerateArray().ToDictionary(
            b => b.GetProperty("Method").GetString()!,
            b => (Mean: b.GetProperty("Statistics").GetProperty("Mean").GetDouble(),
                  Bytes: b.GetProperty("Memory").GetProperty("BytesAllocatedPerOperation").GetDouble()),
            StringComparer.Ordinal);
        var grain = methods["Grain_call"];
        var direct = methods["Direct_call"];
        log($"grain call {grain.Mean:N0} ns ({grain.Bytes:N0} B), direct call {direct.Mean:N1} ns ({direct.Bytes:N0} B)");
        const string Direct = "direct interface call";
        return
        [
            new Figure(Group, "Grain call (in-memory silo, activation made)", "ns", grain.Mean, direct.Mean, Direct),
            new Figure(Group, "Allocated per grain call", "B", grain.Bytes, direct.Bytes, Direct),
        ];
    }
}
