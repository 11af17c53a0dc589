using System.Globalization;
using System.Text.RegularExpressions;
using Flattr.Benchmarks.Hosting;

namespace Flattr.Benchmarks.Loads;

/// <summary>
/// Runs wrk (Debian's wrk 4.1, closed loop: each connection sends its next request when the previous answer came) for a fixed
/// time with one of our Lua scripts, whose done() prints one RESULT line with the counts and latency percentiles.
/// </summary>
public static partial class Wrk
{
    public static async Task<LoadResult> RunAsync(BenchSettings settings, string name, Uri target, int connections, int seconds,
        string script, IReadOnlyList<string> scriptArguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var threads = Math.Min(Math.Max(1, MachineProbe.Cores), connections);
        string[] arguments =
        [
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", seconds.ToString(CultureInfo.InvariantCulture) + "s",
            "--timeout", "10s",
            "-s", Path.Combine(settings.WrkScripts, script),
            target.ToString(),
            "--",
            .. scriptArguments,
        ];
        var result = await ChildProcess.RunAsync(new ProcessSpec(name, "wrk", arguments), settings.LogFolder,
            TimeSpan.FromSeconds(seconds + 60), cancellationToken);
        var line = Result().Match(result.Output);
        if (!result.Succeeded || !line.Success)
        {
            throw new InvalidOperationException($"wrk ({name}) failed: exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        }

        long Value(string key) => long.Parse(Field(key).Match(line.Value).Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = Value("requests");
        var sample = Sample().Match(result.Output) is { Success: true } s ? s.Groups[1].Value : null;
        return new LoadResult(
            requests / (Value("duration_us") / 1e6),
            requests,
            Value("failed") + Value("socket_errors"),
            Value("p50_us") / 1000.0,
            Value("p90_us") / 1000.0,
            Value("p99_us") / 1000.0,
            Value("max_us") / 1000.0,
            sample)
        {
            NextPair = Value("next_pair"),
        };
    }

    static Regex Field(string key) => new(key + "=(\\d+)", RegexOptions.CultureInvariant);

    [GeneratedRegex("^RESULT .*$", RegexOptions.Multiline)]
    private static partial Regex Result();

    [GeneratedRegex("^SAMPLE (.*)$", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
