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

            // Restarted on the same database, every giver retries every click: acknowledged ones must not count again.
            await app.StartAsync();
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
}
