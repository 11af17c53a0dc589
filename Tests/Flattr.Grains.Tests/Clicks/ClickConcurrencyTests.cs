using System.Collections.Concurrent;
using Flattr.Clicks;
using Flattr.Grains.Tests.Ledger;
using Flattr.Money;

namespace Flattr.Grains.Tests.Clicks;

public sealed class ClickConcurrencyTests : IAsyncLifetime
{
    static readonly Month Month = StoreHarness.Month;
    StoreHarness _h = null!;

    public async Task InitializeAsync() => _h = await StoreHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Thousands_of_concurrent_clicks_with_duplicates_are_each_recorded_exactly_once()
    {
        var givers = await _h.AddFundedGiversAsync(300);
        var things = await _h.AddThingsAsync(4);
        // Every giver clicks every thing three times: 3,600 concurrent calls for 1,200 distinct clicks.
        var calls = (from round in Enumerable.Range(0, 3) from g in givers from t in things select (g, t)).ToArray();
        Random.Shared.Shuffle(calls);

        var results = await Task.WhenAll(calls.Select(c => Task.Run(() => _h.Clicks.AddAsync(new ClickWrite(c.g, c.t, Month)))));

        var addedPerKey = calls.Zip(results).Where(x => x.Second.Status == ClickWriteStatus.Added).GroupBy(x => x.First).ToList();
        Assert.All(results, r => Assert.Contains(r.Status, new[] { ClickWriteStatus.Added, ClickWriteStatus.Duplicate }));
        Assert.Equal(givers.Length * things.Length, addedPerKey.Count);
        Assert.All(addedPerKey, g => Assert.Single(g));
        Assert.Equal(givers.Length * things.Length, await _h.Database.ScalarAsync<long>("SELECT count(*) FROM clicks"));
        await AssertCountsMatchClicksAsync();
        foreach (var thing in things)
        {
            var counts = results.Zip(calls).Where(x => x.Second.t == thing && x.First.Count is not null).Select(x => x.First.Count!).ToList();
            var final = Assert.Single(await _h.Clicks.CountsForThingAsync(thing));
            Assert.Equal(givers.Length, final.Clicks);
            // The highest version any caller saw is the durable one, and it carries the durable count.
            Assert.Equal(final, counts.MaxBy(c => c.Version));
        }
    }

    [Fact]
    public async Task Clicks_and_withdrawals_racing_the_month_close_either_commit_before_it_or_are_refused()
    {
        var givers = await _h.AddFundedGiversAsync(200);
        var things = await _h.AddThingsAsync(5);
        _h.SetDay(Month.Next(), 1);
        var outcomes = new ConcurrentBag<(ClickOperation Operation, ClickWriteStatus Status)>();
        var calls = (from g in givers from t in things select (g, t)).ToArray();
        Random.Shared.Shuffle(calls);
        using var started = new SemaphoreSlim(0);
        // The middle third races the close; the last third writes only once the month is closed, so that some writes meet the
        // closed month however fast the machine runs the others (on a loaded machine every write could otherwise finish first).
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writers = calls.Select((c, i) => Task.Run(async () =>
        {
            if (i == calls.Length / 3)
            {
                started.Release();
            }

            if (i >= calls.Length * 2 / 3)
            {
                await closed.Task;
            }

            outcomes.Add((ClickOperation.Add, (await _h.Clicks.AddAsync(new ClickWrite(c.g, c.t, Month))).Status));
            if (i % 4 == 0)
            {
                outcomes.Add((ClickOperation.Withdraw, (await _h.Clicks.WithdrawAsync(c.g, c.t, Month)).Status));
            }
        })).ToArray();
        await started.WaitAsync();
        var plan = await _h.Settlement.PlanAsync(Month);
        closed.SetResult();
        await Task.WhenAll(writers);

        var added = outcomes.Count(o => o.Status == ClickWriteStatus.Added);
        var withdrawn = outcomes.Count(o => o.Status == ClickWriteStatus.Withdrawn);
        Assert.All(outcomes, o => Assert.Contains(o.Status,
            new[] { ClickWriteStatus.Added, ClickWriteStatus.Withdrawn, ClickWriteStatus.MonthClosed, ClickWriteStatus.NotClicked }));
        Assert.Contains(outcomes, o => o.Status == ClickWriteStatus.MonthClosed);
        var durable = await _h.Database.ScalarAsync<long>("SELECT count(*) FROM clicks WHERE month = $1", Month);
        Assert.Equal(added - withdrawn, durable);
        // Nothing reached the month after its plan took the snapshot.
        Assert.Equal(durable, plan.Clicks);
        Assert.Equal(durable, await _h.Database.ScalarAsync<long>("SELECT coalesce(sum(clicks_count), 0)::bigint FROM settlement_plan"));
        await AssertCountsMatchClicksAsync();
    }

    async Task AssertCountsMatchClicksAsync() =>
        Assert.Equal(0L, await _h.Database.ScalarAsync<long>("""
            SELECT count(*) FROM thing_month_counts tc
            FULL JOIN (SELECT thing_id, month, count(*) AS n FROM clicks GROUP BY thing_id, month) c
                ON c.thing_id = tc.thing_id AND c.month = tc.month
            WHERE coalesce(tc.clicks, 0) <> coalesce(c.n, 0)
            """));

    enum ClickOperation
    {
        Add,
        Withdraw,
    }
}
