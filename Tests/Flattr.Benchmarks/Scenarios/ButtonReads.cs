using System.Globalization;
using Flattr.Benchmarks.Hosting;
using Flattr.Benchmarks.Loads;
using Flattr.Benchmarks.Results;

namespace Flattr.Benchmarks.Scenarios;

/// <summary>
/// 2. Button reads per second: the SVG badge and the count JSON of many things (counts from the thing grains' memory),
/// against the app's own hello-world endpoint (/health) on the same Kestrel, pipeline and connections.
/// </summary>
public static class ButtonReads
{
    public const string Group = "2 reads";

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, WebApp app, IEnumerable<long> things, Action<string> log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(app);
        var work = Path.Combine(settings.OutputFolder, "work");
        Directory.CreateDirectory(work);
        var thingsFile = Path.Combine(work, "all-things.txt");
        await File.WriteAllLinesAsync(thingsFile, things.Select(t => t.ToString(CultureInfo.InvariantCulture)), cancellationToken);

        async Task<LoadResult> LoadAsync(string name, string path, int seconds)
        {
            var cpuBefore = app.CpuSeconds;
            var result = await Wrk.RunAsync(settings, name, app.BaseAddress, settings.ReadConnections, seconds, "read.lua", [thingsFile, path],
                cancellationToken);
            result = result with { AppCpuMicrosPerRequest = (app.CpuSeconds - cpuBefore) * 1e6 / Math.Max(1, result.Requests) };
            log(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {result.PerSecond:N0} req/s, p50 {result.P50Ms:N2} ms, p99 {result.P99Ms:N2} ms, app CPU {result.AppCpuMicrosPerRequest:N1} µs/read, " +
                $"{result.Failed} failed {result.FailureSample}"));
            return result;
        }

        // Warm-up (discarded): every thing grain active, both endpoints jitted.
        await LoadAsync("reads-warm-up-svg", "/things/{id}/button.svg", settings.WarmUpSeconds);
        await LoadAsync("reads-warm-up-json", "/things/{id}/count.json", 1);
        var hello = await LoadAsync("reads-hello", "/health", settings.LoadSeconds);
        var svg = await LoadAsync("reads-svg", "/things/{id}/button.svg", settings.LoadSeconds);
        var json = await LoadAsync("reads-json", "/things/{id}/count.json", settings.LoadSeconds);
        const string Hello = "hello world /health";
        var c = settings.ReadConnections.ToString(CultureInfo.InvariantCulture);
        return
        [
            new Figure(Group, $"Badge SVG reads/s, {c} connections", "/s", svg.PerSecond, hello.PerSecond, Hello, Target.AtLeastTimesBaseline(0.8), Failures(svg)),
            new Figure(Group, "Badge SVG latency p99", "ms", svg.P99Ms, hello.P99Ms, Hello),
            new Figure(Group, "App CPU per badge SVG read", "µs", svg.AppCpuMicrosPerRequest, hello.AppCpuMicrosPerRequest, Hello),
            new Figure(Group, $"Count JSON reads/s, {c} connections", "/s", json.PerSecond, hello.PerSecond, Hello, Target.AtLeastTimesBaseline(0.8), Failures(json)),
            new Figure(Group, "Count JSON latency p99", "ms", json.P99Ms, hello.P99Ms, Hello),
            new Figure(Group, "App CPU per count JSON read", "µs", json.AppCpuMicrosPerRequest, hello.AppCpuMicrosPerRequest, Hello),
        ];
    }

    static string? Failures(LoadResult result) =>
        result.Failed > 0 ? $"{result.Failed} of {result.Requests} reads failed, e.g. {result.FailureSample}" : null;
}
