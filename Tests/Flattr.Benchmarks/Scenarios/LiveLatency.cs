using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Flattr.Benchmarks.Database;
using Flattr.Benchmarks.Hosting;
using Flattr.Benchmarks.Results;

namespace Flattr.Benchmarks.Scenarios;

/// <summary>
/// 3. Click-to-dashboard latency through SignalR (signalr/latency.mjs, the official JavaScript client under Node): one
/// dashboard per creator connected to its live ticker, clicks on the creators' things sent on a fixed schedule, each push
/// matched to its click on one clock. Its baseline is the HTTP answer to the same clicks: how much later than the giver's own
/// answer the creator sees the click (its p99 at most 1.1× the answer's), and none may be lost. Also 5b: the app's resident
/// memory per connected dashboard.
/// </summary>
public static class LiveLatency
{
    public const string Group = "3 live";

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, WebApp app, IReadOnlyList<SignedInUser> creators,
        IReadOnlyList<BenchCreator> creatorThings, IReadOnlyList<SignedInUser> givers, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(creators);
        ArgumentNullException.ThrowIfNull(creatorThings);
        var work = Path.Combine(settings.OutputFolder, "work");
        Directory.CreateDirectory(work);
        var resultFile = Path.Combine(work, "live-result.json");
        File.Delete(resultFile);
        var config = new LiveConfig(
            app.BaseAddress.ToString(),
            [.. creators.Select(c => new LiveDashboard(c.Id, c.Cookie))],
            [.. givers.Select(g => new LiveGiver(g.Username, g.Cookie, g.Token))],
            [.. creatorThings.Select(c => new LiveThing(c.LiveThingId, c.Id))],
            settings.LiveClicksPerSecond,
            settings.LiveWarmUpSeconds,
            settings.LiveMeasureSeconds,
            DrainSeconds: 3,
            LimitSeconds: settings.LiveWarmUpSeconds + settings.LiveMeasureSeconds + 240,
            resultFile);
        var configFile = Path.Combine(work, "live-config.json");
        await File.WriteAllTextAsync(configFile, JsonSerializer.Serialize(config, LiveJsonContext.Default.LiveConfig), cancellationToken);

        var before = await SettledResidentBytesAsync(app, cancellationToken);
        await using var node = ChildProcess.Start(new ProcessSpec("signalr-latency", "node", [settings.SignalRHarness, configFile])
        {
            WorkingDirectory = Path.GetDirectoryName(settings.SignalRHarness),
        }, settings.LogFolder);
        var connected = await node.ReadLineAsync(TimeSpan.FromMinutes(3), cancellationToken);
        if (connected is null || !connected.StartsWith("connected ", StringComparison.Ordinal))
        {
            var failed = await node.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            throw new InvalidOperationException($"The SignalR harness did not connect its dashboards:\n{failed.Output}\n{failed.Error}");
        }

        var dashboards = int.Parse(connected["connected ".Length..], CultureInfo.InvariantCulture);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var after = await SettledResidentBytesAsync(app, cancellationToken);
        log(string.Create(CultureInfo.InvariantCulture,
            $"{dashboards} dashboards connected: app RSS {before / 1048576.0:N1} MB -> {after / 1048576.0:N1} MB"));
        await node.WriteLineAsync("go");
        var exit = await node.WaitAsync(TimeSpan.FromSeconds(config.LimitSeconds + 30), cancellationToken);
        if (!exit.Succeeded || !File.Exists(resultFile))
        {
            throw new InvalidOperationException($"The SignalR harness failed (exit {exit.ExitCode}):\n{exit.Output}\n{exit.Error}");
        }

        var result = JsonSerializer.Deserialize(await File.ReadAllTextAsync(resultFile, cancellationToken), LiveJsonContext.Default.LiveResult)!;
        log(string.Create(CultureInfo.InvariantCulture,
            $"live: {result.Ok} clicks measured, push p50 {result.Push.P50:N1} p99 {result.Push.P99:N1} max {result.Push.Max:N1} ms, " +
            $"{result.Lost} lost, {result.HttpFailed} failed, send lag max {result.MaxLagMs:N1} ms"));
        const string Answer = "HTTP answer, same clicks";
        var rate = settings.LiveClicksPerSecond.ToString("N0", CultureInfo.InvariantCulture);
        var failures = result.HttpFailed > 0
            ? $"{result.HttpFailed} of {result.Measured} clicks failed over HTTP, e.g. {result.FailureSample}"
            : null;
        return
        [
            new Figure(Group, $"Click→dashboard p50 ({dashboards:N0} dashboards, {rate} clicks/s)", "ms", result.Push.P50, result.Http.P50, Answer),
            new Figure(Group, "Click→dashboard p99", "ms", result.Push.P99, result.Http.P99, Answer, Target.AtMostTimesBaseline(1.1),
                result.MaxLagMs > 10
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"the Node harness itself fell up to {result.MaxLagMs:N0} ms behind its send schedule (a starved machine); latencies count from the schedule")
                    : null),
            new Figure(Group, "Click→dashboard max", "ms", result.Push.Max, result.Http.Max, Answer),
            new Figure(Group, string.Create(CultureInfo.InvariantCulture, $"Pushes lost of {result.Ok:N0} clicks"), "", result.Lost,
                Target: Target.AtMost(0), Note: failures),
            new Figure(ThingMemory.Group, "Memory per SignalR dashboard connection (RSS)", "KB",
                dashboards == 0 ? null : (after - before) / 1024.0 / dashboards,
                Note: "resident set of the app before and after the dashboards connected and joined their tickers"),
        ];
    }

    /// <summary>The median of a few samples: the resident set moves while the GC works.</summary>
    static async Task<long> SettledResidentBytesAsync(WebApp app, CancellationToken cancellationToken)
    {
        var samples = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            samples.Add(app.ResidentBytes);
            await Task.Delay(200, cancellationToken);
        }

        samples.Sort();
        return samples[samples.Count / 2];
    }
}

public sealed record LiveDashboard([property: JsonPropertyName("creatorId")] long CreatorId, [property: JsonPropertyName("cookie")] string Cookie);

public sealed record LiveGiver(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("cookie")] string Cookie,
    [property: JsonPropertyName("token")] string Token);

public sealed record LiveThing([property: JsonPropertyName("thingId")] long ThingId, [property: JsonPropertyName("creatorId")] long CreatorId);

public sealed record LiveConfig(
    [property: JsonPropertyName("baseUrl")] string BaseUrl,
    [property: JsonPropertyName("dashboards")] IReadOnlyList<LiveDashboard> Dashboards,
    [property: JsonPropertyName("givers")] IReadOnlyList<LiveGiver> Givers,
    [property: JsonPropertyName("things")] IReadOnlyList<LiveThing> Things,
    [property: JsonPropertyName("rate")] int Rate,
    [property: JsonPropertyName("warmUpSeconds")] int WarmUpSeconds,
    [property: JsonPropertyName("measureSeconds")] int MeasureSeconds,
    [property: JsonPropertyName("drainSeconds")] int DrainSeconds,
    [property: JsonPropertyName("limitSeconds")] int LimitSeconds,
    [property: JsonPropertyName("resultFile")] string ResultFile);

public sealed record LivePercentiles(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("p50")] double? P50,
    [property: JsonPropertyName("p90")] double? P90,
    [property: JsonPropertyName("p99")] double? P99,
    [property: JsonPropertyName("max")] double? Max);

public sealed record LiveResult(
    [property: JsonPropertyName("dashboards")] int Dashboards,
    [property: JsonPropertyName("clicks")] int Clicks,
    [property: JsonPropertyName("measured")] int Measured,
    [property: JsonPropertyName("ok")] int Ok,
    [property: JsonPropertyName("httpFailed")] int HttpFailed,
    [property: JsonPropertyName("unanswered")] int Unanswered,
    [property: JsonPropertyName("failureSample")] string? FailureSample,
    [property: JsonPropertyName("lost")] int Lost,
    [property: JsonPropertyName("unexpected")] int Unexpected,
    [property: JsonPropertyName("maxLagMs")] double MaxLagMs,
    [property: JsonPropertyName("push")] LivePercentiles Push,
    [property: JsonPropertyName("http")] LivePercentiles Http);

[JsonSerializable(typeof(LiveConfig))]
[JsonSerializable(typeof(LiveResult))]
public sealed partial class LiveJsonContext : JsonSerializerContext;
