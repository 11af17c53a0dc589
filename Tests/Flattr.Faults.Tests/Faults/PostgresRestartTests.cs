using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Faults;

/// <summary>
/// PostgreSQL (a private throwaway cluster, never the shared one) stopped like a crash in the middle of a steady stream of
/// clicks and started again: meanwhile the app answers clean 503s with Retry-After and a Flattr error body, never a 500;
/// it recovers by itself, and no acknowledged click is lost.
/// </summary>
public sealed class PostgresRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    const int Seed = 4242;
    PrivatePostgres _server = null!;
    FlattrDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _server = await PrivatePostgres.StartAsync();
        _database = await FlattrDatabase.OverAsync(_server.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task While_PostgreSQL_restarts_under_load_the_app_answers_503_recovers_by_itself_and_loses_no_acknowledged_click()
    {
        var givers = new List<SeededUser>();
        for (var i = 0; i < 6; i++)
        {
            givers.Add(await _database.AddGiverAsync());
        }

        var creator = await _database.AddUserAsync("creator");
        var things = new List<long>();
        for (var i = 0; i < 50; i++)
        {
            things.Add(await _database.AddThingAsync(creator.Id));
        }

        var pairs = givers.SelectMany(g => things.Select(t => (g.Id, t))).ToHashSet();
        await using var app = new AppProcess(_server.ConnectionString);
        await app.StartAsync();
        using var burst = await ClickBurst.SignInAsync(app.BaseUri, givers, things[0]);

        var running = burst.RunUntilAnsweredAsync(things, Seed, DateTime.UtcNow.AddSeconds(90), perGiver: 2, pause: TimeSpan.FromMilliseconds(15));
        await Task.WhenAny(burst.WhenAcknowledgedAsync(60), running);
        var down = DateTime.UtcNow;
        await _server.StopAsync("immediate");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await _server.UpAsync();
        var up = DateTime.UtcNow;
        _database.DataSource.Clear(); // the test's own pooled connections died with the server too
        await running;

        var attempts = burst.Attempts.ToList();
        var firstAckAfterUp = attempts.Where(a => a.Outcome == ClickOutcome.Acknowledged && a.At > up).Min(a => (DateTime?)a.At);
        output.WriteLine($"{attempts.Count} requests: {attempts.Count(a => a.Outcome == ClickOutcome.Acknowledged)} acknowledged, " +
            $"{attempts.Count(a => a.Outcome == ClickOutcome.Unavailable)} answered 503, {attempts.Count(a => a.Outcome == ClickOutcome.NoAnswer)} unanswered, " +
            $"{attempts.Count(a => a.Outcome == ClickOutcome.Refused)} refused (flattr_once after an unknown outcome); " +
            $"database down {(up - down).TotalSeconds:0.0} s, first click acknowledged {(firstAckAfterUp - up)?.TotalSeconds:0.00} s after it was back");

        Assert.All(attempts, a => Assert.True(a.Outcome != ClickOutcome.ServerError, $"{a}: {a.Body}"));
        Assert.Contains(attempts, a => a.Outcome == ClickOutcome.Unavailable && a.At > down && a.At < up);
        Assert.All(attempts.Where(a => a.Outcome == ClickOutcome.Refused), a => Assert.Equal("flattr_once", a.Code));
        Tally.Check();

        // Recovered by itself: every click answered for good, and sign-in (a fresh session) works again.
        var answered = attempts.Where(a => a.Outcome is ClickOutcome.Acknowledged or ClickOutcome.Refused).Select(a => (a.GiverId, a.ThingId)).ToHashSet();
        Assert.Equal(pairs, answered);
        using (var fresh = new WebSession(app.BaseUri))
        {
            Assert.True(await fresh.SignInAsync(givers[0].Username, Flattr.Web.Tests.Support.FlattrApp.Password));
        }

        Tally.Check();

        // Nothing acknowledged is lost, nothing is counted twice.
        var acknowledged = attempts.Where(a => a.Outcome == ClickOutcome.Acknowledged).Select(a => (a.GiverId, a.ThingId)).ToList();
        Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
        var stored = await _database.ClicksAsync();
        Assert.Equal(pairs, stored);
        Tally.Check();
        await Invariants.AssertCountsMatchClicksAsync(_database.DataSource);
        await Invariants.AssertLedgerAuditOkAsync(_database.DataSource);
    }
}
