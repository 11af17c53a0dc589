using Flattr.Clicks;
using Flattr.Grains.Tests.Ledger;
using Flattr.Money;
using Flattr.Wallets;

namespace Flattr.Grains.Tests.Clicks;

public sealed class ClickStoreTests : IAsyncLifetime
{
    static readonly Month Month = StoreHarness.Month;
    StoreHarness _h = null!;

    public async Task InitializeAsync() => _h = await StoreHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Click_is_recorded_and_returns_the_things_new_count_and_version()
    {
        var giver = await _h.AddGiverAsync();
        var other = await _h.AddGiverAsync();
        var thing = (await _h.AddThingsAsync(1))[0];

        var first = await _h.Clicks.AddAsync(new ClickWrite(giver, thing, Month, Anonymous: true));
        var second = await _h.Clicks.AddAsync(new ClickWrite(other, thing, Month));

        Assert.Equal(ClickWriteStatus.Added, first.Status);
        Assert.Equal(new ThingMonthCount(thing, Month, 1, 1), first.Count);
        Assert.Equal(new ThingMonthCount(thing, Month, 2, 2), second.Count);
        var row = Assert.Single(await _h.Clicks.ListForGiverAsync(giver, Month));
        Assert.Equal((thing, ClickSource.Button, true), (row.ThingId, row.Source, row.Anonymous));
        Assert.Equal(_h.Clock.GetUtcNow(), row.CreatedAt);
        Assert.Equal(2, (await _h.Clicks.ListForThingAsync(thing, Month)).Count);
        Assert.Equal([new ThingMonthCount(thing, Month, 2, 2)], await _h.Clicks.CountsForThingAsync(thing));
    }

    [Fact]
    public async Task Second_click_on_the_same_thing_in_a_month_is_a_duplicate_and_does_not_count()
    {
        var giver = await _h.AddGiverAsync();
        var thing = (await _h.AddThingsAsync(1))[0];
        await _h.Clicks.AddAsync(new ClickWrite(giver, thing, Month));

        var again = await _h.Clicks.AddAsync(new ClickWrite(giver, thing, Month));

        Assert.Equal(ClickWriteStatus.Duplicate, again.Status);
        Assert.Equal(FlattrErrors.FlattrOnce, again.ErrorCode);
        Assert.Null(again.Count);
        Assert.Equal(1, (await _h.Clicks.CountsForThingAsync(thing))[0].Clicks);
    }

    [Fact]
    public async Task Click_on_ones_own_thing_is_flattr_owner()
    {
        var giver = await _h.AddGiverAsync();
        var own = await _h.Database.AddThingAsync(giver);

        var result = await _h.Clicks.AddAsync(new ClickWrite(giver, own, Month));

        Assert.Equal((ClickWriteStatus.OwnThing, FlattrErrors.FlattrOwner), (result.Status, result.ErrorCode));
        Assert.Empty(await _h.Clicks.ListForGiverAsync(giver, Month));
    }

    [Fact]
    public async Task Click_on_a_deleted_thing_is_thing_inactive()
    {
        var giver = await _h.AddGiverAsync();
        var deleted = await _h.Database.AddThingAsync(await _h.Database.AddUserAsync(), deleted: true);

        var result = await _h.Clicks.AddAsync(new ClickWrite(giver, deleted, Month));

        Assert.Equal((ClickWriteStatus.ThingInactive, FlattrErrors.ThingInactive), (result.Status, result.ErrorCode));
    }

    [Fact]
    public async Task Unknown_giver_and_unknown_thing_are_not_found_without_failing_the_other_clicks_of_their_batch()
    {
        var givers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _h.AddGiverAsync()));
        var thing = (await _h.AddThingsAsync(1))[0];

        var writes = givers.Select(g => _h.Clicks.AddAsync(new ClickWrite(g, thing, Month)))
            .Append(_h.Clicks.AddAsync(new ClickWrite(999_999, thing, Month)))
            .Append(_h.Clicks.AddAsync(new ClickWrite(givers[0], 999_999, Month)))
            .ToArray();
        var results = await Task.WhenAll(writes);

        Assert.Equal(20, results.Count(r => r.Status == ClickWriteStatus.Added));
        Assert.Equal(ClickWriteStatus.GiverNotFound, results[^2].Status);
        Assert.Equal(ClickWriteStatus.ThingNotFound, results[^1].Status);
        Assert.Equal(FlattrErrors.NotFound, results[^1].ErrorCode);
        Assert.Equal(20, (await _h.Clicks.CountsForThingAsync(thing))[0].Clicks);
    }

    [Fact]
    public async Task Giver_without_a_budget_or_without_balance_has_no_means()
    {
        var noBalance = await _h.AddGiverAsync(depositCents: 0);
        var noBudget = await _h.Database.AddUserAsync();
        await _h.Ledger.DepositAsync("test", "k1", noBudget, 1_000);
        var paused = await _h.AddGiverAsync();
        var thing = (await _h.AddThingsAsync(1))[0];
        await _h.Budgets.PauseAsync(paused);
        var next = Month.Next();
        _h.SetDay(next, 3);

        var results = await Task.WhenAll(
            _h.Clicks.AddAsync(new ClickWrite(noBalance, thing, Month)),
            _h.Clicks.AddAsync(new ClickWrite(noBudget, thing, Month)),
            _h.Clicks.AddAsync(new ClickWrite(paused, thing, next)),
            _h.Clicks.AddAsync(new ClickWrite(paused, thing, Month)));

        Assert.Equal([ClickWriteStatus.NoMeans, ClickWriteStatus.NoMeans, ClickWriteStatus.NoMeans, ClickWriteStatus.Added],
            results.Select(r => r.Status));
        Assert.Equal(FlattrErrors.NoMeans, results[0].ErrorCode);
    }

    [Fact]
    public async Task Withdrawal_deletes_the_click_logs_it_and_lowers_the_count()
    {
        var giver = await _h.AddGiverAsync();
        var thing = (await _h.AddThingsAsync(1))[0];
        await _h.Clicks.AddAsync(new ClickWrite(giver, thing, Month));

        var withdrawn = await _h.Clicks.WithdrawAsync(giver, thing, Month);
        var again = await _h.Clicks.WithdrawAsync(giver, thing, Month);

        Assert.Equal(ClickWriteStatus.Withdrawn, withdrawn.Status);
        Assert.Equal(new ThingMonthCount(thing, Month, 0, 2), withdrawn.Count);
        Assert.Equal((ClickWriteStatus.NotClicked, FlattrErrors.NotFound), (again.Status, again.ErrorCode));
        Assert.Empty(await _h.Clicks.ListForGiverAsync(giver, Month));
        Assert.Equal(1L, await _h.Database.ScalarAsync<long>("SELECT count(*) FROM click_withdrawals WHERE giver_id = $1", giver));
        Assert.Equal(ClickWriteStatus.Added, (await _h.Clicks.AddAsync(new ClickWrite(giver, thing, Month))).Status);
    }

    [Fact]
    public async Task Clicks_and_withdrawals_of_a_month_that_is_settling_are_month_closed()
    {
        var giver = await _h.AddGiverAsync();
        var other = await _h.AddGiverAsync();
        var things = await _h.AddThingsAsync(2);
        await _h.Clicks.AddAsync(new ClickWrite(giver, things[0], Month));
        _h.EndMonth();
        await _h.Settlement.PlanAsync(Month);

        var late = await _h.Clicks.AddAsync(new ClickWrite(other, things[1], Month));
        var withdrawal = await _h.Clicks.WithdrawAsync(giver, things[0], Month);

        Assert.Equal((ClickWriteStatus.MonthClosed, FlattrErrors.MonthClosed), (late.Status, late.ErrorCode));
        Assert.Equal(ClickWriteStatus.MonthClosed, withdrawal.Status);
        Assert.Single(await _h.Clicks.ListForGiverAsync(giver, Month));
    }

    [Fact]
    public async Task Clicks_for_a_future_month_or_one_older_than_the_previous_month_are_refused_before_queueing()
    {
        var future = await Assert.ThrowsAsync<FlattrException>(() => _h.Clicks.AddAsync(new ClickWrite(1, 2, Month.Next())));
        var old = await Assert.ThrowsAsync<FlattrException>(() => _h.Clicks.WithdrawAsync(1, 2, Month.AddMonths(-2)));

        Assert.Equal(FlattrErrors.InvalidParameters, future.Code);
        Assert.Equal(FlattrErrors.MonthClosed, old.Code);
    }

    [Fact]
    public async Task A_failing_batch_fails_every_waiter_records_nothing_and_the_store_keeps_working()
    {
        var givers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _h.AddGiverAsync()));
        var thing = (await _h.AddThingsAsync(1))[0];
        await _h.Database.ExecuteAsync("""
            CREATE FUNCTION fail_counts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
            CREATE TRIGGER fail_counts BEFORE INSERT OR UPDATE ON thing_month_counts FOR EACH ROW EXECUTE FUNCTION fail_counts();
            """);

        var writes = givers.Select(g => _h.Clicks.AddAsync(new ClickWrite(g, thing, Month))).ToArray();
        foreach (var write in writes)
        {
            var failure = await Assert.ThrowsAsync<ClickBatchFailedException>(() => write);
            Assert.Contains("injected failure", failure.InnerException!.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0L, await _h.Database.ScalarAsync<long>("SELECT count(*) FROM clicks"));
        await _h.Database.ExecuteAsync("DROP TRIGGER fail_counts ON thing_month_counts");
        Assert.Equal(ClickWriteStatus.Added, (await _h.Clicks.AddAsync(new ClickWrite(givers[0], thing, Month))).Status);
    }

    [Fact]
    public async Task Stopping_writes_every_queued_click_and_then_refuses_new_ones()
    {
        var givers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _h.AddGiverAsync()));
        var thing = (await _h.AddThingsAsync(1))[0];

        var writes = givers.Select(g => _h.Clicks.AddAsync(new ClickWrite(g, thing, Month))).ToArray();
        await _h.Clicks.StopAsync();

        Assert.All(writes, w => Assert.True(w.IsCompletedSuccessfully));
        Assert.All(writes, w => Assert.Equal(ClickWriteStatus.Added, w.Result.Status));
        Assert.Equal(50L, await _h.Database.ScalarAsync<long>("SELECT count(*) FROM clicks"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _h.Clicks.AddAsync(new ClickWrite(givers[0], thing, Month)));
    }
}
