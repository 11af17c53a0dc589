using System.Globalization;
using Flattr.Benchmarks.Database;
using Flattr.Benchmarks.Loads;

namespace Flattr.Benchmarks.Hosting;

/// <summary>
/// N nodes of one Flattr cluster on the run's database, each the web app co-hosting a silo (the default shape), with the
/// loopback failure-detection settings of <c>.ci/cluster.env</c> (what <c>.ci/cluster</c> and the cluster tests use), behind
/// nginx. Started node by node (the first one alone, so that the others join a cluster that exists), ready when the membership
/// table lists all of them as active.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    readonly List<WebApp> _nodes;
    readonly LoadBalancer _balancer;

    BenchCluster(List<WebApp> nodes, LoadBalancer balancer)
    {
        _nodes = nodes;
        _balancer = balancer;
    }

    public IReadOnlyList<WebApp> Nodes => _nodes;

    public Uri BaseAddress => _balancer.BaseAddress;

    /// <summary>CPU seconds of every node process so far (a killed node's last figure is not kept: measure before killing).</summary>
    public double AppCpuSeconds => _nodes.Sum(n => n.CpuSeconds);

    public double BalancerCpuSeconds => _balancer.CpuSeconds;

    public static async Task<BenchCluster> StartAsync(BenchSettings settings, BenchDatabase database, int nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(database);
        var environment = ReadEnvironment(Path.Combine(settings.RepoRoot, ".ci", "cluster.env"));
        var started = new List<WebApp>();
        try
        {
            for (var i = 1; i <= nodes; i++)
            {
                started.Add(await WebApp.StartAsync(settings, database.ConnectionString,
                    string.Create(CultureInfo.InvariantCulture, $"cluster-{nodes}-node-{i}"), environment, cancellationToken));
            }

            await WaitForMembershipAsync(database, nodes, cancellationToken);
            var balancer = await LoadBalancer.StartAsync(settings, string.Create(CultureInfo.InvariantCulture, $"cluster-{nodes}-nginx"),
                started.Select(n => n.BaseAddress), cancellationToken);
            return new BenchCluster(started, balancer);
        }
        catch
        {
            foreach (var node in started)
            {
                await node.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Orleans' message counters summed over the nodes still running.</summary>
    public async Task<OrleansMessages> MessagesAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var total = OrleansMessages.None;
        foreach (var node in _nodes)
        {
            total += await OrleansMessages.ScrapeAsync(client, node.BaseAddress, cancellationToken);
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        await _balancer.DisposeAsync();
        // One by one, as an operator would: each silo leaves the membership table in an orderly way.
        foreach (var node in _nodes)
        {
            await node.StopAsync();
            await node.DisposeAsync();
        }
    }

    static async Task WaitForMembershipAsync(BenchDatabase database, int nodes, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            // Status 3 is Orleans' SiloStatus.Active; silos of earlier clusters on this database have left (status 6, Dead).
            var active = await database.ScalarAsync<long>("SELECT count(*) FROM orleansmembershiptable WHERE status = 3", cancellationToken);
            if (active == nodes)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The membership table lists {active} active silos, not {nodes}, after a minute.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>KEY=VALUE lines of an environment file; blank lines and # comments are skipped.</summary>
    static Dictionary<string, string> ReadEnvironment(string path) =>
        File.ReadLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
}
