using System.Globalization;

namespace Flattr.Benchmarks.Hosting;

/// <summary>
/// Where things are and how big and long each load is. The full run fits in about a quarter of an hour on 2 cores;
/// <c>--quick</c> shrinks every load to check the harness itself in a minute or two (its figures mean nothing).
/// </summary>
public sealed class BenchSettings
{
    public static readonly string[] AllScenarios = ["clicks", "reads", "live", "settlement", "memory", "grains", "cluster", "search"];

    public required string RepoRoot { get; init; }

    /// <summary>The --artifacts-path the projects were built with (Release).</summary>
    public required string BuildRoot { get; init; }

    public required string OutputFolder { get; init; }

    /// <summary>The private server (no database): FLATTR_TEST_POSTGRES, as .ci/postgres-up exports it.</summary>
    public required string Server { get; init; }

    public bool Quick { get; init; }

    public IReadOnlySet<string> Scenarios { get; init; } = AllScenarios.ToHashSet(StringComparer.Ordinal);

    public string LogFolder => Path.Combine(OutputFolder, "logs");

    public string WebDll => Built("Flattr.Web");

    public string SettlementLoadDll => Built("Flattr.Settlement.Load");

    public string SelfDll => typeof(BenchSettings).Assembly.Location;

    public string WrkScripts => Path.Combine(AppContext.BaseDirectory, "wrk");

    public string SignalRHarness => Path.Combine(RepoRoot, "Tests", "Flattr.Benchmarks", "signalr", "latency.mjs");

    public string PgBench =>
        Environment.GetEnvironmentVariable("FLATTR_PG_BIN") is { Length: > 0 } bin && File.Exists(Path.Combine(bin, "pgbench"))
            ? Path.Combine(bin, "pgbench")
            : "pgbench";

    // Sizes and durations.
    public int LoadSeconds => Quick ? 2 : 10;

    public int WarmUpSeconds => Quick ? 1 : 5;

    public IReadOnlyList<int> ClickConnections { get; init; } = [16, 64, 256];

    public int ReadConnections => 64;

    /// <summary>A power of two, so that with an even number of load things every pair index is a distinct (giver, thing).</summary>
    public int Givers => Quick ? 64 : 512;

    /// <summary>One dashboard each in the live test.</summary>
    public int Creators => Quick ? 100 : 1_000;

    public int LoadThingsPerCreator => 4;

    public int LiveClicksPerSecond => Quick ? 200 : 1_000;

    public int LiveWarmUpSeconds => Quick ? 2 : 5;

    public int LiveMeasureSeconds => Quick ? 3 : 20;

    public int SettlementGivers => Quick ? 5_000 : 100_000;

    public int SettlementClicksPerGiver => 10;

    public int MemoryThings => Quick ? 20_000 : 1_000_000;

    /// <summary>Sequential grain calls per measured round (five rounds after a warm-up).</summary>
    public int GrainCalls => Quick ? 10_000 : 200_000;

    /// <summary>Listed things the search scenario seeds, and the searches it times after its warm-up.</summary>
    public int SearchThings => Quick ? 10_000 : 100_000;

    public int Searches => Quick ? 100 : 700;

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    public bool NeedsWebApp => Runs("clicks") || Runs("reads") || Runs("live");

    string Built(string project) => Path.Combine(BuildRoot, "bin", project, "release", project + ".dll");

    /// <summary>run --repo DIR --build DIR --out DIR [--quick] [--only clicks,reads,...,cluster] [--connections 16,64,256]</summary>
    public static BenchSettings Parse(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string? repo = null, build = null, output = null;
        var quick = false;
        IReadOnlyList<int> connections = [16, 64, 256];
        IReadOnlySet<string> scenarios = AllScenarios.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i++)
        {
            string Next() => i + 1 < arguments.Count ? arguments[++i] : throw new ArgumentException($"{arguments[i]} needs a value.");
            switch (arguments[i])
            {
                case "--repo": repo = Next(); break;
                case "--build": build = Next(); break;
                case "--out": output = Next(); break;
                case "--quick": quick = true; break;
                case "--connections":
                    connections = [.. Next().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
                    break;
                case "--only":
                    scenarios = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
                    if (scenarios.Except(AllScenarios).FirstOrDefault() is { } unknown)
                    {
                        throw new ArgumentException($"Unknown scenario '{unknown}': one of {string.Join(", ", AllScenarios)}.");
                    }

                    break;
                default: throw new ArgumentException($"Unknown argument '{arguments[i]}'.");
            }
        }

        var server = Environment.GetEnvironmentVariable("FLATTR_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            throw new ArgumentException("FLATTR_TEST_POSTGRES is not set: start the private server with eval \"$(bash .ci/postgres-up)\".");
        }

        return new BenchSettings
        {
            RepoRoot = Path.GetFullPath(repo ?? throw new ArgumentException("--repo is required.")),
            BuildRoot = Path.GetFullPath(build ?? throw new ArgumentException("--build is required.")),
            OutputFolder = Path.GetFullPath(output ?? throw new ArgumentException("--out is required.")),
            Server = server,
            Quick = quick,
            Scenarios = scenarios,
            ClickConnections = connections,
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Quick ? "quick" : "full")} run of {string.Join(", ", Scenarios)}");
}
