using Flattr.Clicks;
using Flattr.Grains.Tests.Ledger;
using Flattr.Ledger;
using Flattr.Money;
using Flattr.Settlement;

namespace Flattr.Grains.Tests.Settlement;

public sealed class SettlementEngineTests : IAsyncLifetime
{
    static readonly Month Month = StoreHarness.Month;
    StoreHarness _h = null!;

    public async Task InitializeAsync() => _h = await StoreHarness.CreateAsync(giversPerBatch: 2);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task The_worked_examples_settle_to_the_cent()
    {
        var (five, fiveThings) = await GiverClickingAsync(500, 10);
        var (twoOverTen, tenThings) = await GiverClickingAsync(200, 10);
        var (twoOverTwenty, twentyThings) = await GiverClickingAsync(200, 20);
        var (twoOverThree, threeThings) = await GiverClickingAsync(200, 3);
        _h.EndMonth();

        var done = await _h.Settlement.RunAsync(Month);

        Assert.Equal((SettlementStatus.Done, 4, 4, 43L, 1_100L, 1_100L),
            (done.Status, done.Givers, done.GiversDone, done.Clicks, done.PlannedSpendCents, done.SettledSpendCents));
        await AssertSharesAsync(five, fiveThings, Enumerable.Repeat(50L, 10));
        await AssertSharesAsync(twoOverTen, tenThings, Enumerable.Repeat(20L, 10));
        await AssertSharesAsync(twoOverTwenty, twentyThings, Enumerable.Repeat(10L, 20));
        await AssertSharesAsync(twoOverThree, threeThings, [67L, 67L, 66L]);
        Assert.Equal(900 - 500, await _h.Ledger.GetBalanceAsync(five));
        var lowest = await _h.Ledger.GetCreatorMonthAsync(await _h.OwnerOfAsync(threeThings[0]), Month);
        Assert.Equal((true, 67L), (lowest.Settled, lowest.ReceivedCents));
        Assert.Equal([new ThingIncome(threeThings[0], 67, 1)], lowest.Things);
        Assert.Equal(67, await _h.Ledger.GetBalanceAsync(await _h.OwnerOfAsync(threeThings[0])));
        Assert.Equal(66, await _h.Ledger.GetBalanceAsync(await _h.OwnerOfAsync(threeThings[2])));
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_giver_whose_balance_is_below_the_budget_spends_only_the_balance()
    {
        var (giver, things) = await GiverClickingAsync(5_000, 3, depositCents: 800);
        _h.EndMonth();

        await _h.Settlement.RunAsync(Month);

        await AssertSharesAsync(giver, things, [240L, 240L, 240L]);
        Assert.Equal(0, await _h.Ledger.GetBalanceAsync(giver));
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_giver_with_a_budget_and_no_clicks_gives_the_spend_to_charity()
    {
        var giver = await _h.AddGiverAsync(budgetCents: 700);
        _h.EndMonth();

        await _h.Settlement.RunAsync(Month);

        var statement = await _h.Ledger.GetGiverMonthAsync(giver, Month);
        Assert.Equal((true, 700L, 700L), (statement.Settled, statement.SpentCents, statement.CharityCents));
        Assert.Empty(statement.Shares);
        Assert.Equal(700, (await _h.Ledger.GetSystemBalancesAsync()).CharityCents);
        Assert.Equal(200, await _h.Ledger.GetBalanceAsync(giver));
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Under_the_rollover_policy_a_giver_without_clicks_keeps_the_money()
    {
        await using var h = await StoreHarness.CreateAsync(new MoneyRules { NoClickPolicy = NoClickPolicy.Rollover });
        var idle = await h.AddGiverAsync(budgetCents: 700);
        var active = await h.AddGiverAsync(budgetCents: 300);
        var thing = (await h.AddThingsAsync(1))[0];
        await h.ClickAllAsync(active, [thing]);
        h.EndMonth();

        var done = await h.Settlement.RunAsync(Month);

        Assert.Equal((2, 300L), (done.Givers, done.PlannedSpendCents));
        Assert.Equal(900, await h.Ledger.GetBalanceAsync(idle));
        Assert.Equal(0, (await h.Ledger.GetSystemBalancesAsync()).CharityCents);
        Assert.Equal(300, await h.Ledger.GetBalanceAsync(await h.OwnerOfAsync(thing)));
        await h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Subscriptions_count_once_per_month_and_keep_clicking_in_later_months()
    {
        var giver = await _h.AddGiverAsync(budgetCents: 500);
        var things = await _h.AddThingsAsync(2);
        await _h.Subscriptions.SubscribeAsync(giver, things[1], 3);
        await _h.Clicks.AddAsync(new ClickWrite(giver, things[0], Month));
        await _h.Clicks.AddAsync(new ClickWrite(giver, things[1], Month));
        _h.EndMonth();
        await _h.Settlement.RunAsync(Month);
        _h.SetDay(Month.AddMonths(2), 1);

        var next = await _h.Settlement.RunAsync(Month.Next());

        await AssertSharesAsync(giver, things, [250L, 250L]);
        Assert.Equal((1, 1L, 400L), (next.Givers, next.Clicks, next.SettledSpendCents));
        var later = await _h.Ledger.GetGiverMonthAsync(giver, Month.Next());
        Assert.Equal([new GiverShare(things[1], await _h.OwnerOfAsync(things[1]), 400)], later.Shares);
        Assert.Equal(0, await _h.Ledger.GetBalanceAsync(giver));
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Settling_a_settled_month_again_changes_nothing()
    {
        await GiverClickingAsync(500, 3);
        await _h.AddGiverAsync(budgetCents: 400);
        _h.EndMonth();
        var first = await _h.Settlement.RunAsync(Month);
        var before = await LedgerSnapshot.TakeAsync(_h.Database);

        var again = await _h.Settlement.RunAsync(Month);
        var plannedAgain = await _h.Settlement.PlanAsync(Month);

        Assert.Equal(first, again);
        Assert.Equal(first, plannedAgain);
        Assert.Equal(before, await LedgerSnapshot.TakeAsync(_h.Database));
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Progress_is_reported_after_each_batch_and_readable_at_any_time()
    {
        for (var i = 0; i < 5; i++)
        {
            await GiverClickingAsync(300, 2);
        }

        _h.EndMonth();
        Assert.Equal(SettlementStatus.NotPlanned, (await _h.Settlement.GetProgressAsync(Month)).Status);
        var planned = await _h.Settlement.PlanAsync(Month);
        var reports = new List<SettlementProgress>();

        var done = await _h.Settlement.RunAsync(Month, new SynchronousProgress(reports.Add));

        Assert.Equal((SettlementStatus.Planned, 5, 0), (planned.Status, planned.Givers, planned.GiversDone));
        Assert.Equal([0, 2, 4, 5, 5], reports.Select(r => r.GiversDone));
        Assert.Equal(SettlementStatus.Done, reports[^1].Status);
        Assert.Equal(done, await _h.Settlement.GetProgressAsync(Month));
        Assert.Equal(_h.Clock.GetUtcNow(), done.FinishedAt);
    }

    [Fact]
    public async Task A_month_that_has_not_ended_cannot_be_settled()
    {
        var error = await Assert.ThrowsAsync<FlattrException>(() => _h.Settlement.RunAsync(Month));

        Assert.Equal(FlattrErrors.InvalidParameters, error.Code);
        Assert.Equal(SettlementStatus.NotPlanned, (await _h.Settlement.GetProgressAsync(Month)).Status);
    }

    [Fact]
    public async Task A_month_cannot_be_planned_while_another_is_settling_and_payouts_wait_for_it()
    {
        var giver = await _h.AddGiverAsync(budgetCents: 300, depositCents: 5_000);
        _h.SetDay(Month.AddMonths(2), 2);
        await _h.Settlement.PlanAsync(Month);

        var other = await Assert.ThrowsAsync<FlattrException>(() => _h.Settlement.PlanAsync(Month.Next()));
        var payout = await Assert.ThrowsAsync<FlattrException>(() => _h.Ledger.RequestPayoutAsync(giver, 1_000));
        await _h.Settlement.RunAsync(Month);
        await _h.Ledger.RequestPayoutAsync(giver, 1_000);

        Assert.Equal((FlattrErrors.Conflict, FlattrErrors.Conflict), (other.Code, payout.Code));
        Assert.Equal(4_500 - 300 - 1_000, await _h.Ledger.GetBalanceAsync(giver));
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Deposits_during_settlement_are_kept_and_do_not_change_the_planned_spend()
    {
        var (giver, things) = await GiverClickingAsync(5_000, 2, depositCents: 1_000);
        _h.EndMonth();
        await _h.Settlement.PlanAsync(Month);

        await _h.Ledger.DepositAsync("sandbox", "late", giver, 10_000);
        await _h.Settlement.RunAsync(Month);

        await AssertSharesAsync(giver, things, [450L, 450L]);
        Assert.Equal(9_000, await _h.Ledger.GetBalanceAsync(giver));
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Statements_before_settlement_are_empty_and_unknown_users_are_not_found()
    {
        var (giver, _) = await GiverClickingAsync(500, 2);

        var statement = await _h.Ledger.GetGiverMonthAsync(giver, Month);

        Assert.Equal((false, 0L), (statement.Settled, statement.SpentCents));
        Assert.Empty(statement.Shares);
        Assert.Equal(FlattrErrors.NotFound,
            (await Assert.ThrowsAsync<FlattrException>(() => _h.Ledger.GetGiverMonthAsync(999_999, Month))).Code);
        Assert.Equal(FlattrErrors.NotFound,
            (await Assert.ThrowsAsync<FlattrException>(() => _h.Ledger.GetCreatorMonthAsync(999_999, Month))).Code);
    }

    async Task<(long Giver, long[] Things)> GiverClickingAsync(long budgetCents, int clicks, long depositCents = 1_000)
    {
        var giver = await _h.AddGiverAsync(budgetCents, depositCents);
        var things = await _h.AddThingsAsync(clicks);
        // Click in reverse id order: the tie-break must not depend on the order of the clicks.
        foreach (var thing in things.Reverse())
        {
            Assert.Equal(ClickWriteStatus.Added, (await _h.Clicks.AddAsync(new ClickWrite(giver, thing, Month))).Status);
        }

        return (giver, things);
    }

    async Task AssertSharesAsync(long giver, long[] things, IEnumerable<long> expected)
    {
        var statement = await _h.Ledger.GetGiverMonthAsync(giver, Month);
        Assert.True(statement.Settled);
        Assert.Equal(things.Order().Zip(expected).Select(x => (x.First, x.Second)), statement.Shares.Select(s => (s.ThingId, s.AmountCents)));
        Assert.Equal(expected.Sum(), statement.SpentCents);
        foreach (var share in statement.Shares)
        {
            Assert.Equal(await _h.OwnerOfAsync(share.ThingId), share.OwnerId);
        }
    }

    sealed class SynchronousProgress(Action<SettlementProgress> report) : IProgress<SettlementProgress>
    {
        public void Report(SettlementProgress value) => report(value);
    }
}
