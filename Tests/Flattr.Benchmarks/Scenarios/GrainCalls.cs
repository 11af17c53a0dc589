using Flattr.Silo.Hosting;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Flattr.Benchmarks.Hosting;
using Flattr.Benchmarks.Results;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flattr.Benchmarks.Scenarios;

/// <summary>
/// 6. What a grain call costs on Orleans: a fresh process (<c>Flattr.Benchmarks grain-calls N</c>) hosts an Orleans silo
/// (loopback clustering on free ports) with one tiny grain, <see cref="EchoGrain"/>, and calls it N times in a row through
/// the silo's own <see cref="IGrainFactory"/>, as the web co-hosting its silo calls Flattr's grains; the baseline is the same
/// interface method called on an instance of the same class. Time per call (median of a few rounds after a warm-up) and
/// bytes allocated per call by the whole process (<see cref="GC.GetTotalAllocatedBytes(bool)"/>: a grain call runs on other
/// threads than its caller).
/// </summary>
public static class GrainCalls
{
    public const string Group = "6 grain calls";

    const int Rounds = 5;

    /// <summary>Direct calls take nanoseconds: each round makes this many times more of them, so that the clock can see them.</summary>
    const int DirectCallsPerGrainCall = 50;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var calls = settings.GrainCalls.ToString(CultureInfo.InvariantCulture);
        var result = await ChildProcess.RunAsync(new ProcessSpec("grain-calls", "dotnet", [settings.SelfDll, "grain-calls", calls])
        {
            // The server GC, as the web (and the silo it co-hosts) runs with.
            Environment = new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" },
        }, settings.LogFolder, TimeSpan.FromMinutes(5), cancellationToken);
        var line = result.Output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        const string Name = "Grain call (Orleans, co-hosted silo)";
        if (!result.Succeeded || line is null)
        {
            return [Figure.Failed(Group, Name, "ns", $"the grain-call run failed (exit {result.ExitCode}): {result.Error[^Math.Min(300, result.Error.Length)..]}")];
        }

        var measured = JsonSerializer.Deserialize(line["RESULT ".Length..], GrainCallJsonContext.Default.GrainCallResult)!;
        log(string.Create(CultureInfo.InvariantCulture,
            $"grain calls: {measured.GrainCallsPerRound:N0} per round, {measured.GrainNanos:N0} ns and {measured.GrainBytes:N0} B each; direct call " +
            $"{measured.DirectNanos:N1} ns and {measured.DirectBytes:N0} B each"));
        const string Direct = "direct interface call";
        return
        [
            new Figure(Group, Name, "ns", measured.GrainNanos, measured.DirectNanos, Direct),
            new Figure(Group, Name + ", allocated", "B/call", measured.GrainBytes, measured.DirectBytes, Direct),
        ];
    }

    /// <summary>The child process: <c>Flattr.Benchmarks grain-calls N</c>; prints one RESULT line of JSON.</summary>
    public static async Task<int> MeasureAsync(int callsPerRound, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(callsPerRound, 1);
        var ports = FreePorts.Take(2);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(ports[0], ports[1], serviceId: "flattr-bench-calls", clusterId: "flattr-bench-calls"));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IEchoGrain>(1);
        IEchoGrain direct = new EchoGrain();

        // Warm-up: the activation made, both paths jitted and tiered up.
        await RoundAsync(grain, Math.Max(1, callsPerRound / 5), cancellationToken);
        await RoundAsync(direct, callsPerRound * DirectCallsPerGrainCall, cancellationToken);
        var grainRounds = new List<Sample>();
        var directRounds = new List<Sample>();
        for (var round = 0; round < Rounds; round++)
        {
            grainRounds.Add(await RoundAsync(grain, callsPerRound, cancellationToken));
            directRounds.Add(await RoundAsync(direct, callsPerRound * DirectCallsPerGrainCall, cancellationToken));
        }

        var g = Median(grainRounds);
        var d = Median(directRounds);
        var result = new GrainCallResult(callsPerRound, Rounds, g.Nanos, g.Bytes, d.Nanos, d.Bytes);
        await output.WriteLineAsync("RESULT " + JsonSerializer.Serialize(result, GrainCallJsonContext.Default.GrainCallResult));
        await output.FlushAsync(cancellationToken);
        await host.StopAsync(cancellationToken);
        return 0;
    }

    /// <summary>Calls one after the other, each awaited before the next, as a request handler makes them.</summary>
    static async Task<Sample> RoundAsync(IEchoGrain target, int calls, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var sum = 0L;
        for (var i = 0; i < calls; i++)
        {
            sum += await target.Echo(i);
        }

        var elapsed = clock.Elapsed;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        if (sum != (long)calls * (calls - 1) / 2)
        {
            throw new InvalidOperationException($"The echo calls summed to {sum}, not {(long)calls * (calls - 1) / 2}.");
        }

        return new Sample(elapsed.TotalNanoseconds / calls, (double)bytes / calls);
    }

    /// <summary>The round with the median time, with its own allocation.</summary>
    static Sample Median(List<Sample> rounds) => rounds.OrderBy(r => r.Nanos).ElementAt(rounds.Count / 2);

    readonly record struct Sample(double Nanos, double Bytes);
}

/// <summary>The grain-call benchmark's grain: it returns its argument, so the call is all that is measured.</summary>
public interface IEchoGrain : IGrainWithIntegerKey
{
    Task<int> Echo(int value);
}

public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<int> Echo(int value) => Task.FromResult(value);
}

public sealed record GrainCallResult(
    [property: JsonPropertyName("grain_calls_per_round")] int GrainCallsPerRound,
    [property: JsonPropertyName("rounds")] int Rounds,
    [property: JsonPropertyName("grain_ns")] double GrainNanos,
    [property: JsonPropertyName("grain_bytes")] double GrainBytes,
    [property: JsonPropertyName("direct_ns")] double DirectNanos,
    [property: JsonPropertyName("direct_bytes")] double DirectBytes);

[JsonSerializable(typeof(GrainCallResult))]
public sealed partial class GrainCallJsonContext : JsonSerializerContext;
