using System.Globalization;
using System.Text.RegularExpressions;
using Flattr.Benchmarks.Database;
using Flattr.Benchmarks.Hosting;
using Npgsql;

namespace Flattr.Benchmarks.Loads;

/// <summary>
/// The click baseline: pgbench inserting ONE row per commit (the table shaped like our clicks, random keys,
/// INSERT … ON CONFLICT DO NOTHING, prepared) at a given number of clients on the same server, for a fixed time.
/// Latencies come from pgbench's per-transaction log.
/// </summary>
public static partial class PgBench
{
    const string Script = """
        \set giver random(1, 1000000000)
        \set thing random(1, 1000000)
        INSERT INTO clicks (giver_id, thing_id, month) VALUES (:giver, :thing, date_trunc('month', now())::date) ON CONFLICT DO NOTHING;

        """;

    public static Task CreateTableAsync(BenchDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ExecuteAsync("""
            CREATE TABLE clicks (
                giver_id   bigint      NOT NULL,
                thing_id   bigint      NOT NULL,
                month      date        NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (giver_id, thing_id, month)
            );
            CREATE INDEX clicks_thing_month_idx ON clicks (thing_id, month);
            """, cancellationToken);
    }

    public static async Task<LoadResult> RunAsync(BenchSettings settings, BenchDatabase database, int clients, int seconds,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(database);
        var folder = Path.Combine(settings.LogFolder, "pgbench-" + clients.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var scriptFile = Path.Combine(folder, "insert.sql");
        await File.WriteAllTextAsync(scriptFile, Script, cancellationToken);
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        string[] arguments =
        [
            "-h", server.Host!, "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", server.Username ?? "postgres",
            "-n", "-M", "prepared",
            "-c", clients.ToString(CultureInfo.InvariantCulture),
            "-j", Math.Min(Math.Max(1, MachineProbe.Cores), clients).ToString(CultureInfo.InvariantCulture),
            "-T", seconds.ToString(CultureInfo.InvariantCulture),
            "-f", scriptFile,
            "-l", "--log-prefix=" + Path.Combine(folder, "tx"),
            database.Name,
        ];
        var result = await ChildProcess.RunAsync(new ProcessSpec("pgbench-" + clients.ToString(CultureInfo.InvariantCulture), settings.PgBench, arguments)
        {
            WorkingDirectory = folder,
        }, settings.LogFolder, TimeSpan.FromSeconds(seconds + 60), cancellationToken);
        var tps = Tps().Match(result.Output);
        if (!result.Succeeded || !tps.Success)
        {
            throw new InvalidOperationException($"pgbench failed: exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        }

        var latencies = new List<double>();
        var failed = 0L;
        foreach (var log in Directory.EnumerateFiles(folder, "tx*"))
        {
            foreach (var line in File.ReadLines(log))
            {
                // client_id transaction_no time script_no time_epoch time_us: "time" is the latency in µs, or "failed".
                var fields = line.Split(' ');
                if (fields.Length > 2 && double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var micros))
                {
                    latencies.Add(micros / 1000.0);
                }
                else
                {
                    failed++;
                }
            }

            File.Delete(log);
        }

        latencies.Sort();
        return new LoadResult(
            double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture),
            latencies.Count,
            failed,
            LoadResult.Percentile(latencies, 0.50),
            LoadResult.Percentile(latencies, 0.90),
            LoadResult.Percentile(latencies, 0.99),
            latencies.Count == 0 ? double.NaN : latencies[^1]);
    }

    [GeneratedRegex(@"^tps = ([0-9.]+) \(without initial connection time\)", RegexOptions.Multiline)]
    private static partial Regex Tps();
}
