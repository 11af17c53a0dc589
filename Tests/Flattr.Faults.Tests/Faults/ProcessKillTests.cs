using System.Net;
using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Faults;

/// <summary>
/// The app process killed with SIGKILL in the middle of a burst of clicks: every click it acknowledged is in the database
/// after the kill, and after a restart every retried click is answered "already flattred" rather than counted twice.
/// </summary>
public sealed class ProcessKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    const int Seed = 20261122;
    FlattrDatabase _database = null!;

    public async Task InitializeAsync() => _database = await FlattrDatabase.CreateAsync("kill");

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Clicks_acknowledged_before_a_SIGKILL_are_all_in_the_database_and_retries_never_count_twice()
    {
        var givers = new List<SeededUser>();
        for (var i = 0; i < 6; i++)
        {
            givers.Add(await _database.AddGiverAsync());
        }

        var things = new List<long>();
        for (var owner = 0; owner < 2; owner++)
        {
            var creator = await _database.AddUserAsync("creator");
            for (var i = 0; i < 25; i++)
            {
                things.Add(await _database.AddThingAsync(creator.Id));
            }
        }

        var pairs = givers.SelectMany(g => things.Select(t => (g.Id, t))).ToHashSet();
        await using var app = new AppProcess(_database.ConnectionString);
        await app.StartAsync();

        // The burst: 6 givers x 4 requests in flight; SIGKILL once 40 % of the clicks are acknowledged.
        using (var burst = await ClickBurst.SignInAsync(app.BaseUri, givers, things[0]))
        {
            var running = burst.RunAsync(things, Seed);
            await Task.WhenAny(burst.WhenAcknowledgedAsync(pairs.Count * 2 / 5), running);
            await app.KillAsync();
            await running;

            var acknowledged = burst.Attempts.Where(a => a.Outcome == ClickOutcome.Acknowledged).Select(a => (a.GiverId, a.ThingId)).ToHashSet();
            var unanswered = burst.Attempts.Count(a => a.Outcome == ClickOutcome.NoAnswer);
            output.WriteLine($"burst: {burst.Attempts.Count} requests, {acknowledged.Count} acknowledged, {unanswered} unanswered at the kill");
            Assert.InRange(acknowledged.Count, pairs.Count * 2 / 5, pairs.Count - 1);
            Assert.All(burst.Attempts, a => Assert.True(a.Outcome is ClickOutcome.Acknowledged or ClickOutcome.NoAnswer, $"{a}: {a.Body}"));

            // Nothing acknowledged is lost: the acknowledgement came after the commit.
            var stored = await _database.ClicksAsync();
            Assert.Empty(acknowledged.Except(stored));
            Tally.Check();
            Assert.Empty(stored.Except(pairs));
            output.WriteLine($"after the kill: {stored.Count} clicks stored, {stored.Count - acknowledged.Count} of them unacknowledged");
            await Invariants.AssertCountsMatchClicksAsync(_database.DataSource);

            // Restarted on the same database (and the same silo endpoint, so its silo supersedes the killed one at once), every
            // giver retries every click: acknowledged ones must not count again.
            var restart = System.Diagnostics.Stopwatch.StartNew();
            await app.StartAsync();
            output.WriteLine($"restarted on silo port {app.SiloPort}: healthy after {restart.Elapsed.TotalSeconds:0.0} s");
            using var retry = await ClickBurst.SignInAsync(app.BaseUri, givers, things[0]);
            await retry.RunAsync(things, Seed + 1);
            foreach (var attempt in retry.Attempts)
            {
                if (stored.Contains((attempt.GiverId, attempt.ThingId)))
                {
                    Assert.Equal((ClickOutcome.Refused, "flattr_once"), (attempt.Outcome, attempt.Code));
                }
                else
                {
                    Assert.Equal(ClickOutcome.Acknowledged, attempt.Outcome);
                }
            }

            Tally.Check();
        }

        var final = await _database.ClicksAsync();
        Assert.Equal(pairs, final);
        Assert.Equal(pairs.Count, await _database.ScalarAsync("SELECT count(*) FROM clicks"));
        Tally.Check();
        await Invariants.AssertCountsMatchClicksAsync(_database.DataSource);
        await Invariants.AssertLedgerAuditOkAsync(_database.DataSource);
    }

    [Fact]
    public async Task Api_flattrs_acknowledged_before_a_SIGKILL_replay_with_their_idempotency_key_and_never_count_twice()
    {
        var givers = new List<SeededUser>();
        for (var i = 0; i < 4; i++)
        {
            givers.Add(await _database.AddGiverAsync());
        }

        var creator = await _database.AddUserAsync("creator");
        var things = new List<long>();
        for (var i = 0; i < 40; i++)
        {
            things.Add(await _database.AddThingAsync(creator.Id));
        }

        await using var app = new AppProcess(_database.ConnectionString);
        await app.StartAsync();
        var tokens = new Dictionary<long, string>();
        foreach (var giver in givers)
        {
            using var session = new WebSession(app.BaseUri);
            Assert.True(await session.SignInAsync(giver.Username, Flattr.Web.Tests.Support.FlattrApp.Password));
            tokens[giver.Id] = await session.CreateTokenAsync("flattr");
        }

        // One idempotency key per (giver, thing), as a client that retries would keep it.
        static string Key(long giver, long thing) => $"faults-{giver}-{thing}";
        var first = new System.Collections.Concurrent.ConcurrentDictionary<(long, long), (int Status, string Body)?>();
        using var client = new WebSession(app.BaseUri);
        var acknowledged = 0;
        async Task BurstAsync(SeededUser giver)
        {
            var order = things.ToArray();
            new Random(Seed + (int)giver.Id).Shuffle(order);
            var queue = new System.Collections.Concurrent.ConcurrentQueue<long>(order);
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                while (queue.TryDequeue(out var thing))
                {
                    try
                    {
                        using var request = WebSession.ApiRequest(HttpMethod.Post, $"/rest/v2/things/{thing}/flattr", tokens[giver.Id], Key(giver.Id, thing));
                        using var response = await client.Http.SendAsync(request);
                        first[(giver.Id, thing)] = ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
                        if (response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref acknowledged);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        first[(giver.Id, thing)] = null;
                    }
                }
            }));
        }

        var total = givers.Count * things.Count;
        var running = Task.WhenAll(givers.Select(BurstAsync));
        while (Volatile.Read(ref acknowledged) < total * 2 / 5 && !running.IsCompleted)
        {
            await Task.Delay(2);
        }

        await app.KillAsync();
        await running;
        var acked = first.Where(p => p.Value is { Status: >= 200 and < 300 }).Select(p => p.Key).ToHashSet();
        Assert.All(first.Values, v => Assert.True(v is null or { Status: >= 200 and < 300 }, $"unexpected first answer {v}"));
        var stored = await _database.ClicksAsync();
        Assert.Empty(acked.Except(stored));
        Tally.Check();

        // After the restart every request is retried with its own key.
        await app.StartAsync();
        var replays = 0;
        var locked = 0;
        foreach (var giver in givers)
        {
            foreach (var thing in things)
            {
                using var request = WebSession.ApiRequest(HttpMethod.Post, $"/rest/v2/things/{thing}/flattr", tokens[giver.Id], Key(giver.Id, thing));
                using var response = await client.Http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (first.TryGetValue((giver.Id, thing), out var original) && original is { } answered)
                {
                    // Acknowledged before the kill: the same answer again, marked as a replay, nothing run.
                    Assert.Equal((answered.Status, answered.Body), ((int)response.StatusCode, body));
                    Assert.Equal("true", response.Headers.GetValues("Idempotent-Replayed").Single());
                    replays++;
                }
                else if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    // In flight when the process died: the key stays locked until its lease lapses (a minute), never run twice.
                    Assert.Equal("idempotency_key_in_use", await WebSession.ErrorCodeAsync(response));
                    locked++;
                }
                else
                {
                    Assert.True(response.IsSuccessStatusCode || (response.StatusCode == HttpStatusCode.Forbidden && body.Contains("flattr_once", StringComparison.Ordinal)),
                        $"retry of an unanswered flattr: {(int)response.StatusCode} {body}");
                }
            }
        }

        output.WriteLine($"API burst: {acked.Count} of {total} acknowledged before the kill; retries: {replays} replayed, {locked} locked (in flight at the kill)");
        Assert.Equal(acked.Count, replays);
        var final = await _database.ClicksAsync();
        Assert.Empty(acked.Except(final));
        Assert.Equal(final.Count, await _database.ScalarAsync("SELECT count(*) FROM clicks"));
        Tally.Check(2);
        await Invariants.AssertCountsMatchClicksAsync(_database.DataSource);
        await Invariants.AssertLedgerAuditOkAsync(_database.DataSource);
    }
}
