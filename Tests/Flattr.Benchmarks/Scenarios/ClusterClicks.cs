using System.Diagnostics;
using System.Globalization;
using System.Net;
using Flattr.Benchmarks.Database;
using Flattr.Benchmarks.Hosting;
using Flattr.Benchmarks.Loads;
using Flattr.Benchmarks.Results;

namespace Flattr.Benchmarks.Scenarios;

/// <summary>
/// 7. What a node costs and what crossing silos costs: the same click load as <see cref="ClickThroughput"/> (wrk POSTing the
/// real flattr endpoint as signed-in givers, each request a new (giver, thing) pair) through nginx in front of 1, 2 and 3 nodes
/// of one cluster on one database (<see cref="BenchCluster"/>). For each node count: clicks/s, the CPU per click of all node
/// processes, of the PostgreSQL server (postmaster and backends) and of nginx, and the share of Orleans messages that crossed
/// silos (from each node's /metrics before and after the load, pings excluded); the 1-node figures of the same run are the
/// baseline. On one machine throughput cannot grow with nodes (they share its cores). Last, one of the 3 nodes is killed with
/// SIGKILL and clicks on a spread of things (some of whose grains lived there) are retried on a survivor until each succeeds.
/// </summary>
public static class ClusterClicks
{
    public const string Group = "7 cluster";

    const int Connections = 64;
    const int Creators = 100;
    const string OneNode = "1 node, same run";
    const string KillName = "Kill -9 of 1 of 3 nodes → first successful click on its grains";

    /// <summary>Things clicked after the kill: with 3 nodes, some of their grains were all but surely on the killed one.</summary>
    const int Probes = 48;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        await using var database = await BenchDatabase.CreateAsync(settings.Server, "flattr_bench_cluster", migrate: true, cancellationToken);
        // A power of two of givers beside 4 things per creator (an odd T + 1): every pair index is a distinct (giver, thing).
        // 400 things and 256 givers (100,000 pairs): the warm-up activates nearly all of their grains, so the measured load
        // shows what a click costs in steady state rather than what first activations cost.
        var population = await BenchPopulation.SeedAsync(database, settings.Quick ? 64 : 256, Creators, settings.LoadThingsPerCreator, cancellationToken);
        var things = population.LoadThingIds;
        var postmaster = ProcessTree.ParentOf(await database.ScalarAsync<int>("SELECT pg_backend_pid()", cancellationToken));
        log($"cluster: seeded {population.Givers.Count} givers, {things.Count} load things; PostgreSQL server process {postmaster?.ToString(CultureInfo.InvariantCulture) ?? "not visible"}");

        var work = Path.Combine(settings.OutputFolder, "work");
        Directory.CreateDirectory(work);
        var credentials = Path.Combine(work, "cluster-givers.tsv");
        var thingsFile = Path.Combine(work, "cluster-things.txt");
        await File.WriteAllLinesAsync(thingsFile, things.Select(t => t.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        IReadOnlyList<SignedInUser>? givers = null;
        var nextPair = 0L;
        var measured = new Dictionary<int, NodeCountResult>();
        var figures = new List<Figure>();
        foreach (var nodes in new[] { 1, 2, 3 })
        {
            var clock = Stopwatch.StartNew();
            await using var cluster = await BenchCluster.StartAsync(settings, database, nodes, cancellationToken);
            log(string.Create(CultureInfo.InvariantCulture, $"cluster: {nodes} node(s) and nginx on {cluster.BaseAddress} in {clock.Elapsed.TotalSeconds:N1} s"));
            if (givers is null)
            {
                // Once, through nginx: the session cookies and antiforgery tokens hold on every node (one key ring in PostgreSQL).
                givers = await SignIns.SignInAllAsync(cluster.BaseAddress, population.Givers.Select(g => (g.Id, g.Username)),
                    BenchPopulation.Password, cancellationToken);
                await File.WriteAllLinesAsync(credentials, givers.Select(g => g.Cookie + "\t" + g.Token), cancellationToken);
                log($"cluster: {givers.Count} givers signed in through nginx");
            }

            async Task<(LoadResult Load, double App, double? Postgres, double Nginx, OrleansMessages Messages)> LoadAsync(string name, int seconds)
            {
                var threads = Math.Min(Math.Max(1, MachineProbe.Cores), Connections);
                var messagesBefore = await cluster.MessagesAsync(cancellationToken);
                var (appBefore, pgBefore, nginxBefore) = (cluster.AppCpuSeconds, postmaster is { } pm ? ProcessTree.CpuSeconds(pm) : 0, cluster.BalancerCpuSeconds);
                var result = await Wrk.RunAsync(settings, name, cluster.BaseAddress, Connections, seconds, "click.lua",
                    [credentials, thingsFile, nextPair.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture)],
                    cancellationToken);
                var app = cluster.AppCpuSeconds - appBefore;
                double? pg = postmaster is { } p ? ProcessTree.CpuSeconds(p) - pgBefore : null;
                var nginx = cluster.BalancerCpuSeconds - nginxBefore;
                var messages = await cluster.MessagesAsync(cancellationToken) - messagesBefore;
                nextPair = result.NextPair;
                return (result, app, pg, nginx, messages);
            }

            // Warm-up (discarded): activates this cluster's grains, JIT and connection pools.
            await LoadAsync(string.Create(CultureInfo.InvariantCulture, $"cluster-{nodes}-warm-up"), settings.WarmUpSeconds);
            await database.CheckpointAsync(cancellationToken);
            var (load, appCpu, pgCpu, nginxCpu, sent) = await LoadAsync(string.Create(CultureInfo.InvariantCulture, $"cluster-{nodes}"), settings.LoadSeconds);
            var clicks = Math.Max(1, load.Requests - load.Failed);
            var result = new NodeCountResult(load, appCpu * 1e6 / clicks, pgCpu * 1e6 / clicks, nginxCpu * 1e6 / clicks, sent);
            measured[nodes] = result;
            log(string.Create(CultureInfo.InvariantCulture,
                $"cluster {nodes}: {load.PerSecond:N0} clicks/s, p99 {load.P99Ms:N1} ms, CPU per click: app {result.AppMicros:N0} µs, " +
                $"PostgreSQL {result.PostgresMicros:N0} µs, nginx {result.NginxMicros:N0} µs; Orleans messages: {sent.NetworkWithoutPings:N0} network " +
                $"(+{sent.Pings:N0} pings), {sent.Local:N0} local; {load.Failed} failed {load.FailureSample}"));

            if (nodes == 3)
            {
                figures.Add(await Guarded(KillName, log,
                    () => KillRecoveryAsync(cluster, givers, things, nextPair, log, cancellationToken)));
            }
        }

        var stored = await database.ScalarAsync<long>("SELECT count(*) FROM clicks", cancellationToken);
        log(string.Create(CultureInfo.InvariantCulture, $"cluster: {stored:N0} clicks in the database (warm-ups and probes included)"));
        return [.. Figures(measured), .. figures];
    }

    sealed record NodeCountResult(LoadResult Load, double AppMicros, double? PostgresMicros, double NginxMicros, OrleansMessages Messages);

    static IEnumerable<Figure> Figures(IReadOnlyDictionary<int, NodeCountResult> measured)
    {
        var one = measured.GetValueOrDefault(1);
        foreach (var (nodes, r) in measured.OrderBy(p => p.Key))
        {
            var n = nodes == 1 ? "1 node" : nodes.ToString(CultureInfo.InvariantCulture) + " nodes";
            var baseline = nodes == 1 ? null : OneNode;
            var note = r.Load.Failed > 0 ? $"{r.Load.Failed} of {r.Load.Requests} requests failed, e.g. {r.Load.FailureSample}" : null;
            yield return new Figure(Group, $"Durable clicks/s through nginx, {n}, {Connections} connections", "/s", r.Load.PerSecond,
                nodes == 1 ? null : one?.Load.PerSecond, baseline, Note: note);
            yield return new Figure(Group, $"Click latency p99 through nginx, {n}", "ms", r.Load.P99Ms, nodes == 1 ? null : one?.Load.P99Ms, baseline);
            yield return new Figure(Group, $"App CPU per click, all nodes, {n}", "µs", r.AppMicros, nodes == 1 ? null : one?.AppMicros, baseline);
            yield return r.PostgresMicros is { } pg
                ? new Figure(Group, $"PostgreSQL CPU per click (server and backends), {n}", "µs", pg, nodes == 1 ? null : one?.PostgresMicros, baseline)
                : Figure.Failed(Group, $"PostgreSQL CPU per click (server and backends), {n}", "µs", "the server's processes are not visible in /proc");
            yield return new Figure(Group, $"nginx CPU per click, {n}", "µs", r.NginxMicros, nodes == 1 ? null : one?.NginxMicros, baseline);
            yield return new Figure(Group, $"Orleans messages that crossed silos, {n}", "%", r.Messages.CrossedShare * 100, Note: string.Create(
                CultureInfo.InvariantCulture,
                $"{r.Messages.NetworkWithoutPings:N0} network ÷ ({r.Messages.NetworkWithoutPings:N0} network + {r.Messages.Local:N0} local) during the load; {r.Messages.Pings:N0} pings left out"));
            yield return new Figure(Group, $"Orleans messages per click, {n}", "messages", (r.Messages.NetworkWithoutPings + r.Messages.Local) / Math.Max(1, r.Load.Requests - r.Load.Failed),
                nodes == 1 ? null : one is null ? null : (one.Messages.NetworkWithoutPings + one.Messages.Local) / Math.Max(1, one.Load.Requests - one.Load.Failed), baseline);
        }
    }

    /// <summary>
    /// Kills the last node with SIGKILL, then clicks <see cref="Probes"/> consecutive load things (each click a new pair) on the
    /// first node, each retried until it answers 200. A thing whose first click failed had a grain (its own or its giver's
    /// wallet) on the killed node; the figure is the time from the kill to the first success among those, the note says when
    /// the last of them succeeded.
    /// </summary>
    static async Task<Figure> KillRecoveryAsync(BenchCluster cluster, IReadOnlyList<SignedInUser> givers, IReadOnlyList<long> things,
        long nextPair, Action<string> log, CancellationToken cancellationToken)
    {
        var survivor = cluster.Nodes[0].BaseAddress;
        var victim = cluster.Nodes[^1];
        var thingCount = things.Count;
        var giverCount = givers.Count;
        var attempts = new int[Probes];
        var failedFirst = new bool[Probes];
        var succeededAt = new double?[Probes];
        using var client = new HttpClient { BaseAddress = survivor, Timeout = TimeSpan.FromSeconds(20) };
        using (var killed = Process.GetProcessById(victim.ProcessId))
        {
            killed.Kill();
        }

        var clock = Stopwatch.StartNew();
        while (succeededAt.Any(s => s is null) && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.WhenAll(Enumerable.Range(0, Probes).Where(i => succeededAt[i] is null).Select(async i =>
            {
                // Attempt m of probe i: pair nextPair + i + m·T, the same thing (pair mod T) for another giver, never used before.
                var pair = nextPair + i + (long)attempts[i] * thingCount;
                attempts[i]++;
                var giver = givers[(int)((pair + pair / thingCount) % giverCount)];
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(
                    string.Create(CultureInfo.InvariantCulture, $"things/{things[(int)(pair % thingCount)]}/flattr"), UriKind.Relative));
                request.Headers.Add("Cookie", giver.Cookie);
                request.Headers.Add("X-Flattr-Antiforgery", giver.Token);
                request.Headers.Add("Accept", "application/json");
                try
                {
                    using var response = await client.SendAsync(request, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        succeededAt[i] = clock.Elapsed.TotalSeconds;
                        return;
                    }
                }
                catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
                {
                    // No answer in time: tried again below.
                }

                failedFirst[i] |= attempts[i] == 1;
            }));
            await Task.Delay(100, cancellationToken);
        }

        var recovered = Enumerable.Range(0, Probes).Where(i => failedFirst[i] && succeededAt[i] is not null).Select(i => succeededAt[i]!.Value).ToList();
        var failed = failedFirst.Count(f => f);
        log(string.Create(CultureInfo.InvariantCulture,
            $"cluster kill: {failed} of {Probes} probes failed at first; recovered after {string.Join(", ", recovered.Order().Select(s => s.ToString("N1", CultureInfo.InvariantCulture)))} s; {succeededAt.Count(s => s is null)} never"));
        if (failed == 0)
        {
            return Figure.Failed(Group, KillName, "s", $"none of {Probes} things had a grain on the killed node (every first click succeeded)");
        }

        return recovered.Count < failed
            ? Figure.Failed(Group, KillName, "s", $"{failed - recovered.Count} of {failed} things on the killed node got no successful click within 90 s")
            : new Figure(Group, KillName, "s", recovered.Min(), Note: string.Create(CultureInfo.InvariantCulture,
                $"{failed} of {Probes} probe things failed at first (a grain on the killed node); the last succeeded after {recovered.Max():N1} s"));
    }

    static async Task<Figure> Guarded(string name, Action<string> log, Func<Task<Figure>> measure)
    {
        try
        {
            return await measure();
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or System.ComponentModel.Win32Exception)
        {
            log($"{name} failed: {e}");
            return Figure.Failed(Group, name, "s", "failed: " + e.Message.Split('\n')[0]);
        }
    }
}
