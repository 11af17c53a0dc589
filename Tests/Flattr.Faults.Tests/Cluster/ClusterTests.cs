using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Flattr.Faults.Tests.Support;
using Flattr.Silo.Hosting;
using Flattr.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;

namespace Flattr.Faults.Tests.Cluster;

/// <summary>
/// Flattr as a cluster: three nodes (each the web app co-hosting a silo, as <c>.ci/cluster</c> starts them, with the loopback
/// failure-detection settings of <c>.ci/cluster.env</c>) on one database, with Debian's nginx in front configured from the
/// repository's template. Givers click through nginx; creators' dashboards watch over the real SignalR client, on each node
/// directly and through nginx.
/// </summary>
public sealed class ClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    const int Seed = 20261206;
    const int ThingsPerCreator = 12;
    FlattrDatabase _database = null!;
    readonly List<AppProcess> _nodes = [];
    LoadBalancer? _balancer;

    public async Task InitializeAsync() => _database = await FlattrDatabase.CreateAsync("cluster");

    public async Task DisposeAsync()
    {
        if (_balancer is not null)
        {
            await _balancer.DisposeAsync();
        }

        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Clicks_through_nginx_reach_every_dashboard_on_every_node_and_a_SIGKILLed_node_loses_no_acknowledged_click()
    {
        await StartClusterAsync(3);
        var balancer = _balancer!;
        var creators = new[] { await _database.AddUserAsync("creator"), await _database.AddUserAsync("creator") };
        var ownerOf = new Dictionary<long, long>();
        foreach (var creator in creators)
        {
            for (var i = 0; i < ThingsPerCreator; i++)
            {
                ownerOf[await _database.AddThingAsync(creator.Id)] = creator.Id;
            }
        }

        var givers = new List<SeededUser>();
        for (var i = 0; i < 8; i++)
        {
            givers.Add(await _database.AddGiverAsync());
        }

        var usernames = givers.ToDictionary(g => g.Id, g => g.Username);
        var things = ownerOf.Keys.Order().ToList();
        var firstHalf = things.Where((_, i) => i % 2 == 0).ToList();
        var secondHalf = things.Except(firstHalf).ToList();

        // Dashboards: each creator on each node directly, and nine more per creator through nginx (each its own browser, so
        // nginx's sticky hash spreads them over the nodes).
        var dashboards = new List<(LiveDashboard Dashboard, long CreatorId, int? Node)>();
        foreach (var creator in creators)
        {
            var session = await LiveDashboard.SignInAsync(_nodes[0].BaseUri, creator);
            for (var node = 0; node < _nodes.Count; node++)
            {
                dashboards.Add((await LiveDashboard.ConnectAsync($"node{node + 1}/{creator.Username}", _nodes[node].BaseUri, creator.Id, session), creator.Id, node));
            }

            for (var k = 0; k < 9; k++)
            {
                dashboards.Add((await LiveDashboard.ConnectAsync($"nginx{k}/{creator.Username}", balancer.BaseUri, creator.Id, session), creator.Id, null));
            }
        }

        try
        {
            // 1. No failure: every click through nginx is acknowledged and reaches every dashboard of its creator.
            using var burst = await ClickBurst.SignInAsync(balancer.BaseUri, givers, things[0], ownAddresses: true);
            await burst.RunAsync(firstHalf, Seed, perGiver: 2);
            Assert.All(burst.Attempts, a => Assert.True(a.Outcome == ClickOutcome.Acknowledged, $"{a}: {a.Body}"));
            await Eventually.TrueAsync(
                () => dashboards.All(d => burst.Attempts.Where(a => ownerOf[a.ThingId] == d.CreatorId)
                    .All(a => d.Dashboard.TryArrival(usernames[a.GiverId], a.ThingId, out _))),
                "every click reached every dashboard of its creator", TimeSpan.FromSeconds(20));
            PrintLatencies(burst.Attempts, dashboards, usernames, ownerOf);
            await AssertNodesShowTheDatabaseCountsAsync(_nodes, things);

            // 2. SIGKILL the node that serves the most dashboards through nginx once 40 % of the second half is acknowledged;
            // givers go on, retrying what got no answer or a 503.
            var victimIndex = Enumerable.Range(0, _nodes.Count)
                .OrderByDescending(i => dashboards.Count(d => d.Node is null && d.Dashboard.Node == NodeName(i))).First();
            var victim = _nodes[victimIndex];
            var onVictim = dashboards.Where(d => d.Node is null && d.Dashboard.Node == NodeName(victimIndex)).Select(d => d.Dashboard).ToList();
            output.WriteLine($"killing {NodeName(victimIndex)}, which serves {onVictim.Count} of the 18 dashboards through nginx");
            Assert.NotEmpty(onVictim);
            var pairs = givers.Count * secondHalf.Count;
            var kill = new TaskCompletionSource<DateTime>();
            var second = await ClickBurst.SignInAsync(balancer.BaseUri, givers, things[0], ownAddresses: true);
            using (second)
            {
                var running = second.RunUntilAnsweredAsync(secondHalf, Seed + 1, DateTime.UtcNow + TimeSpan.FromMinutes(2), perGiver: 2,
                    pause: TimeSpan.FromMilliseconds(20));
                await Task.WhenAny(second.WhenAcknowledgedAsync(pairs * 2 / 5), running);
                await victim.KillAsync();
                kill.SetResult(DateTime.UtcNow);
                await running;
            }

            var killedAt = await kill.Task;
            var attempts = second.Attempts.ToList();
            Assert.All(attempts, a => Assert.True(a.Outcome is not ClickOutcome.ServerError, $"{a}: {a.Body}"));
            var failedAfterKill = attempts.Where(a => a.Outcome is ClickOutcome.Unavailable or ClickOutcome.NoAnswer).ToList();
            output.WriteLine($"after the kill: {failedAfterKill.Count} answers were a 503 or none, " +
                $"{failedAfterKill.Count(a => a.Outcome == ClickOutcome.Unavailable)} of them a 503 with Retry-After");

            // Every click is now recorded exactly once: acknowledged, or refused as already flattred after an unanswered try.
            var stored = await _database.ClicksAsync();
            var wanted = givers.SelectMany(g => things.Select(t => (g.Id, t))).ToHashSet();
            Assert.True(wanted.SetEquals(stored), $"{wanted.Except(stored).Count()} clicks missing, {stored.Except(wanted).Count()} unexpected");
            var acknowledged = attempts.Where(a => a.Outcome == ClickOutcome.Acknowledged).Select(a => (a.GiverId, a.ThingId)).ToList();
            Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
            Assert.All(attempts.Where(a => a.Outcome == ClickOutcome.Refused), a => Assert.Equal("flattr_once", a.Code));
            await Invariants.AssertCountsMatchClicksAsync(_database.DataSource);

            // Recovery: the givers whose wallets were on the dead node got answers again once its grains moved to the survivors.
            var recovered = failedAfterKill.GroupBy(a => a.GiverId).Select(g =>
                attempts.Where(a => a.GiverId == g.Key && a.Outcome == ClickOutcome.Acknowledged && a.Sent > g.Max(f => f.Sent)).Min(a => (DateTime?)a.At))
                .Where(at => at is not null).Select(at => at!.Value - killedAt).ToList();
            var bound = DeathDeclarationBound();
            if (recovered.Count > 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"kill -9 to the first successful click of each affected giver: at most {recovered.Max().TotalSeconds:0.0} s " +
                    $"({recovered.Count} givers; the settings promise death within {bound.TotalSeconds:0} s)"));
                Assert.All(recovered, r => Assert.True(r < bound + TimeSpan.FromSeconds(15), $"recovered after {r}"));
            }

            // The dashboards through nginx that were on the dead node reconnected by themselves to a survivor and show the
            // database's counts, like every dashboard on a surviving node.
            var survivors = _nodes.Where(n => n != victim).ToList();
            var living = dashboards.Where(d => d.Node != victimIndex).ToList();
            var reconnected = living.Where(d => d.Dashboard.Reconnects > 0).ToList();
            output.WriteLine($"{reconnected.Count} of {living.Count(d => d.Node is null)} dashboards through nginx reconnected to a surviving node");
            Assert.All(onVictim, d => Assert.True(d.Reconnects > 0 && d.State == Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected,
                $"{d.Name} on the killed node: {d.Reconnects} reconnects, {d.State}"));
            Assert.All(reconnected, d => Assert.Null(d.Node));
            var counts = await DatabaseMonthCountsAsync();
            IEnumerable<string> Differences() => living.SelectMany(d => ownerOf.Where(o => o.Value == d.CreatorId)
                .Where(o => d.Dashboard.MonthClicks.GetValueOrDefault(o.Key) != counts.GetValueOrDefault(o.Key))
                .Select(o => $"{d.Dashboard.Name} ({d.Dashboard.State}, {d.Dashboard.Reconnects} reconnects, {d.Dashboard.Snapshots} snapshots) shows " +
                    $"{d.Dashboard.MonthClicks.GetValueOrDefault(o.Key)} for thing {o.Key}, the database {counts.GetValueOrDefault(o.Key)}"));
            var caughtUp = Stopwatch.StartNew();
            while (Differences().Any() && caughtUp.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200);
            }

            Assert.True(!Differences().Any(), string.Join(Environment.NewLine, Differences().Take(20)));
            output.WriteLine($"every living dashboard showed the database's counts {caughtUp.Elapsed.TotalSeconds:0.0} s after the burst ended");
            await AssertNodesShowTheDatabaseCountsAsync(survivors, things);
            await Invariants.AssertLedgerAuditOkAsync(_database.DataSource);
        }
        finally
        {
            foreach (var (dashboard, _, _) in dashboards)
            {
                await dashboard.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_node_added_under_load_joins_the_cluster_and_takes_its_share_of_new_activations()
    {
        await StartClusterAsync(2);
        var creator = await _database.AddUserAsync("creator");
        var things = new List<long>();
        for (var i = 0; i < 60; i++)
        {
            things.Add(await _database.AddThingAsync(creator.Id));
        }

        var givers = new List<SeededUser>();
        for (var i = 0; i < 4; i++)
        {
            givers.Add(await _database.AddGiverAsync());
        }

        using var burst = await ClickBurst.SignInAsync(_balancer!.BaseUri, givers, things[0], ownAddresses: true);
        var running = burst.RunUntilAnsweredAsync(things, Seed, DateTime.UtcNow + TimeSpan.FromMinutes(3), perGiver: 1, pause: TimeSpan.FromMilliseconds(30));

        // Under that load a third node starts and joins through the membership table (nginx does not know it: the point is
        // the cluster, not the balancer).
        var third = new AppProcess(_database.ConnectionString, NodeSettings(2));
        _nodes.Add(third);
        await third.StartAsync(TimeSpan.FromMinutes(2));
        var joinedAt = DateTime.UtcNow;
        await running;
        Assert.All(burst.Attempts, a => Assert.True(a.Outcome is not ClickOutcome.ServerError, $"{a}: {a.Body}"));

        var active = await _database.ScalarAsync("SELECT count(*) FROM orleansmembershiptable WHERE status = 3");
        Assert.Equal(3, active);

        // New activations after the join: thing grains activated by reading counts through the new node's own web, spread by
        // Orleans' placement over all three silos; the new silo takes a share of them.
        using var client = new HttpClient { BaseAddress = third.BaseUri };
        var fresh = new List<long>();
        for (var i = 0; i < 60; i++)
        {
            fresh.Add(await _database.AddThingAsync(creator.Id));
        }

        foreach (var thing in fresh)
        {
            using var response = await client.GetAsync(new Uri($"/things/{thing}/count.json", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var bySilo = await ThingActivationsBySiloAsync(fresh);
        output.WriteLine("new thing activations by silo port after the join: " + string.Join(", ", bySilo.Select(s => $"{s.Key}: {s.Value}")) +
            $" (the new node's silo: {third.SiloPort})");
        Assert.True(bySilo.GetValueOrDefault(third.SiloPort) > 0, "the new silo took none of the new activations");
        output.WriteLine($"the third node joined {(joinedAt - burst.Attempts.Min(a => a.Sent)).TotalSeconds:0.0} s into the burst; " +
            $"{burst.Attempts.Count} requests, {burst.Acknowledged} acknowledged");
        await Invariants.AssertCountsMatchClicksAsync(_database.DataSource);
        await Invariants.AssertLedgerAuditOkAsync(_database.DataSource);
    }

    [Fact]
    public async Task A_session_cookie_from_one_node_signs_in_on_the_others_and_the_sign_in_limit_counts_attempts_on_all_nodes()
    {
        await StartClusterAsync(3);
        var giver = await _database.AddGiverAsync();

        // The sign-in limits count per clock minute: begin early in one, so that the sign-in and the attempts share a window.
        var now = DateTime.UtcNow;
        if (now.Second >= 30)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - now.Second));
        }

        // Signed in on node 1 (the session cookie is protected with the cluster's one key ring): the same cookie opens /me on nodes 2 and 3.
        using var session = new WebSession(_nodes[0].BaseUri);
        Assert.True(await session.SignInAsync(giver.Username, Flattr.Web.Tests.Support.FlattrApp.Password));
        foreach (var node in _nodes.Skip(1))
        {
            using var other = new HttpClient(new HttpClientHandler { CookieContainer = session.Cookies, AllowAutoRedirect = false }) { BaseAddress = node.BaseUri };
            using var me = await other.GetAsync(new Uri("/me", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        // Wrong passwords for one account, spread round-robin over the three nodes: the per-account limit (5 a minute, the sign-in
        // above included) holds for the cluster, so the sixth attempt is refused whichever node gets it.
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 9; attempt++)
        {
            using var stranger = new WebSession(_nodes[attempt % 3].BaseUri, IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"127.0.0.{10 + attempt}")));
            using var response = await stranger.PostFormAsync("/signin", "/signin",
                new Dictionary<string, string> { ["Login"] = giver.Username, ["Password"] = "not the password" });
            answers.Add(response.StatusCode);
        }

        output.WriteLine("sign-in answers across the nodes: " + string.Join(", ", answers.Select(a => (int)a)));
        Assert.Equal(4, answers.Count(a => a != HttpStatusCode.TooManyRequests));
        Assert.All(answers.Skip(4), a => Assert.Equal(HttpStatusCode.TooManyRequests, a));
    }

    static string NodeName(int index) => string.Create(CultureInfo.InvariantCulture, $"node{index + 1}");

    /// <summary>A node's settings: the loopback failure detection of <c>.ci/cluster.env</c> and its name (as <c>.ci/cluster</c> names them).</summary>
    static Dictionary<string, string> NodeSettings(int index) =>
        new(ClusterSettings.Loopback, StringComparer.Ordinal) { ["Flattr__Cluster__NodeName"] = NodeName(index) };

    async Task StartClusterAsync(int count)
    {
        var nodes = Enumerable.Range(0, count).Select(i => new AppProcess(_database.ConnectionString, NodeSettings(i))).ToList();
        _nodes.AddRange(nodes);
        var started = Stopwatch.StartNew();
        await Task.WhenAll(nodes.Select(n => n.StartAsync(TimeSpan.FromMinutes(2))));
        _balancer = await LoadBalancer.StartAsync(nodes.Select(n => n.BaseUri));
        output.WriteLine($"{count} nodes and nginx up in {started.Elapsed.TotalSeconds:0.0} s; nginx on {_balancer.BaseUri}");
    }

    /// <summary>What <c>.ci/cluster.env</c> promises: missed probes until suspicion, plus a probe period for the votes and one for the table.</summary>
    static TimeSpan DeathDeclarationBound()
    {
        var missed = int.Parse(ClusterSettings.Loopback["Flattr__Silo__Membership__NumMissedProbesLimit"], CultureInfo.InvariantCulture);
        return ClusterSettings.ProbeTimeout * (missed + 2);
    }

    void PrintLatencies(IEnumerable<ClickAttempt> attempts, List<(LiveDashboard Dashboard, long CreatorId, int? Node)> dashboards,
        Dictionary<long, string> usernames, Dictionary<long, long> ownerOf)
    {
        var http = attempts.Select(a => (a.At - a.Sent).TotalMilliseconds).Order().ToList();
        var live = new List<double>();
        foreach (var attempt in attempts)
        {
            foreach (var (dashboard, creator, _) in dashboards)
            {
                if (ownerOf[attempt.ThingId] == creator && dashboard.TryArrival(usernames[attempt.GiverId], attempt.ThingId, out var at))
                {
                    live.Add((at - attempt.Sent).TotalMilliseconds);
                }
            }
        }

        live.Sort();
        var httpP99 = Percentile(http, 0.99);
        var liveP99 = Percentile(live, 0.99);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"click → dashboard p99 {liveP99:0.0} ms over {live.Count} deliveries; HTTP answer p99 {httpP99:0.0} ms over {http.Count} clicks; " +
            $"ratio {liveP99 / Math.Max(0.001, httpP99):0.00} (target ≤ 1.5, a printed figure)"));
    }

    static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    async Task<Dictionary<long, long>> DatabaseMonthCountsAsync()
    {
        await using var command = _database.DataSource.CreateCommand("SELECT thing_id, count(*) FROM clicks GROUP BY thing_id");
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<long, long>();
        while (await reader.ReadAsync())
        {
            counts[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>Every node answers each thing's count as the database holds it (the public count endpoint, read on the node itself).</summary>
    async Task AssertNodesShowTheDatabaseCountsAsync(IEnumerable<AppProcess> nodes, IReadOnlyList<long> things)
    {
        var counts = await DatabaseMonthCountsAsync();
        foreach (var node in nodes)
        {
            using var client = new HttpClient { BaseAddress = node.BaseUri };
            await Eventually.TrueAsync(async () =>
            {
                foreach (var thing in things)
                {
                    using var response = await client.GetAsync(new Uri($"/things/{thing}/count.json", UriKind.Relative));
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    if (json.RootElement.GetProperty("monthClicks").GetInt64() != counts.GetValueOrDefault(thing))
                    {
                        return false;
                    }
                }

                return true;
            }, $"{node.BaseUri} shows the database's counts", TimeSpan.FromSeconds(20));
        }
    }

    /// <summary>
    /// Where Orleans placed the thing grains of <paramref name="things"/>: silo port → activations, as Orleans' management grain
    /// reports them to a cluster client of this test process (found, like the web's client mode, in the membership table).
    /// </summary>
    async Task<Dictionary<int, int>> ThingActivationsBySiloAsync(IReadOnlyCollection<long> things)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.AddFlattrClient(builder.Configuration, _database.ConnectionString));
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        try
        {
            var statistics = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
            var wanted = things.ToHashSet();
            return statistics.Where(s => Activations.ShortName(s.GrainType) == "Thing" && wanted.Contains(s.GrainId.GetIntegerKey()))
                .GroupBy(s => s.SiloAddress.Endpoint.Port)
                .ToDictionary(g => g.Key, g => g.Count());
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
