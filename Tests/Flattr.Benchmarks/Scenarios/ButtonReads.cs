using System.Globalization;
using Flattr.Benchmarks.Hosting;
using Flattr.Benchmarks.Loads;
using Flattr.Benchmarks.Results;

namespace Flattr.Benchmarks.Scenarios;

/// <summary>
/// 2. Button reads per second: the SVG badge and the count JSON of many things (counts from the thing grains' memory),
/// against the app's own hello-world endpoint (/health) on the same Kestrel, pipeline and connections, in alternating rounds.
/// </summary>
public static class ButtonReads
{
    public const string Group = "2 reads";

    const int Rounds = 3;
    const string HelloPath = "/health";
    const string SvgPath = "/things/{id}/button.svg";
    const string JsonPath = "/things/{id}/count.json";

    /// <summary>What the hello-world figures are called as a baseline.</summary>
    public const string Hello = "hello world /health";

    /// <summary>The read figures, and the hello-world load they were compared with (the clicks' CPU baseline too).</summary>
    public static async Task<(IReadOnlyList<Figure> Figures, LoadResult Hello)> RunAsync(BenchSettings settings, WebApp app, IEnumerable<long> things,
        Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(app);
        var thingsFile = await ThingsFileAsync(settings, "all-things.txt", things, cancellationToken);
        Task<LoadResult> LoadAsync(string name, string path, int seconds) => ReadLoadAsync(settings, app, name, path, seconds, thingsFile, log, cancellationToken);

        // Warm-up (discarded): every thing grain active, all three endpoints jitted.
        await LoadAsync("reads-warm-up-svg", SvgPath, settings.WarmUpSeconds);
        await LoadAsync("reads-warm-up-json", JsonPath, 1);
        await LoadAsync("reads-warm-up-hello", HelloPath, 1);

        // Rounds that alternate the three loads, so a drift of the machine (tiering, another process) reaches all of them
        // alike; each figure is its median round.
        var seconds = RoundSeconds(settings);
        var rounds = new List<(LoadResult Hello, LoadResult Svg, LoadResult Json)>();
        for (var round = 1; round <= Rounds; round++)
        {
            var r = round.ToString(CultureInfo.InvariantCulture);
            rounds.Add((
                await LoadAsync("reads-hello-" + r, HelloPath, seconds),
                await LoadAsync("reads-svg-" + r, SvgPath, seconds),
                await LoadAsync("reads-json-" + r, JsonPath, seconds)));
        }

        var hello = Median(rounds.Select(r => r.Hello));
        var svg = Median(rounds.Select(r => r.Svg));
        var json = Median(rounds.Select(r => r.Json));
        var c = settings.ReadConnections.ToString(CultureInfo.InvariantCulture);
        return ([
            new Figure(Group, $"Badge SVG reads/s, {c} connections", "/s", svg.PerSecond, hello.PerSecond, Hello, Target.AtLeastTimesBaseline(0.8), Failures(svg)),
            new Figure(Group, "Badge SVG latency p99", "ms", svg.P99Ms, hello.P99Ms, Hello),
            new Figure(Group, "App CPU per badge SVG read", "µs", svg.AppCpuMicrosPerRequest, hello.AppCpuMicrosPerRequest, Hello),
            new Figure(Group, $"Count JSON reads/s, {c} connections", "/s", json.PerSecond, hello.PerSecond, Hello, Target.AtLeastTimesBaseline(0.8), Failures(json)),
            new Figure(Group, "Count JSON latency p99", "ms", json.P99Ms, hello.P99Ms, Hello),
            new Figure(Group, "App CPU per count JSON read", "µs", json.AppCpuMicrosPerRequest, hello.AppCpuMicrosPerRequest, Hello),
        ], hello);
    }

    /// <summary>
    /// The hello-world endpoint alone, as the reads measure it (a warm-up, then the median of the same rounds), for a run
    /// whose reads part did not run: the clicks' CPU per request needs its same-run baseline.
    /// </summary>
    public static async Task<LoadResult> HelloWorldAsync(BenchSettings settings, WebApp app, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(app);
        // read.lua rotates over one path per line of its file; /health has no {id} to fill in.
        var thingsFile = await ThingsFileAsync(settings, "hello.txt", [0], cancellationToken);
        await ReadLoadAsync(settings, app, "hello-warm-up", HelloPath, 1, thingsFile, log, cancellationToken);
        var rounds = new List<LoadResult>();
        for (var round = 1; round <= Rounds; round++)
        {
            rounds.Add(await ReadLoadAsync(settings, app, "hello-" + round.ToString(CultureInfo.InvariantCulture), HelloPath, RoundSeconds(settings),
                thingsFile, log, cancellationToken));
        }

        return Median(rounds);
    }

    static int RoundSeconds(BenchSettings settings) => Math.Max(1, settings.LoadSeconds / 2);

    static async Task<string> ThingsFileAsync(BenchSettings settings, string name, IEnumerable<long> things, CancellationToken cancellationToken)
    {
        var work = Path.Combine(settings.OutputFolder, "work");
        Directory.CreateDirectory(work);
        var thingsFile = Path.Combine(work, name);
        await File.WriteAllLinesAsync(thingsFile, things.Select(t => t.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        return thingsFile;
    }

    static async Task<LoadResult> ReadLoadAsync(BenchSettings settings, WebApp app, string name, string path, int seconds, string thingsFile,
        Action<string> log, CancellationToken cancellationToken)
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

    /// <summary>The round with the median throughput, carrying the failures of every round.</summary>
    static LoadResult Median(IEnumerable<LoadResult> rounds)
    {
        var sorted = rounds.OrderBy(r => r.PerSecond).ToList();
        var median = sorted[sorted.Count / 2];
        return median with
        {
            Failed = sorted.Sum(r => r.Failed),
            FailureSample = sorted.FirstOrDefault(r => r.Failed > 0)?.FailureSample,
        };
    }

    static string? Failures(LoadResult result) =>
        result.Failed > 0 ? $"{result.Failed} of {result.Requests} reads failed, e.g. {result.FailureSample}" : null;
}
