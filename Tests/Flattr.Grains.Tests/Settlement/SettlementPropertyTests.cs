using FsCheck;
using FsCheck.Fluent;
using Flattr.Clicks;
using Flattr.Grains.Tests.Ledger;
using Flattr.Money;
using Flattr.Settlement;
using Xunit.Abstractions;

namespace Flattr.Grains.Tests.Settlement;

/// <summary>
/// Random small months settled through the whole engine on a fresh database each: money is conserved to the
/// cent, no giver pays more than min(budget, balance), each share is within one cent of the exact share, the
/// shares go to exactly the things clicked, and settling again changes nothing.
/// </summary>
public sealed class SettlementPropertyTests(ITestOutputHelper output)
{
    static readonly Month Month = StoreHarness.Month;

    [Fact]
    public void Random_months_settle_conserving_money_within_budgets_fairly_and_idempotently()
    {
        var cases = 0;
        var property = Prop.ForAll(Scenarios.ToArbitrary(), (MonthScenario scenario) => Task.Run(async () =>
        {
            await SettleAndCheckAsync(scenario);
            Interlocked.Increment(ref cases);
        }));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), property);
        output.WriteLine($"{cases} random months settled and checked");
    }

    static Gen<MonthScenario> Scenarios =>
        from givers in Gen.Choose(1, 6)
        from creators in Gen.Choose(1, 3)
        from things in Gen.Choose(1, 6)
        from owners in Gen.ArrayOf(Gen.Choose(0, givers + creators - 1), things)
        from plans in Gen.ArrayOf(GiverPlans(things), givers)
        from rollover in Gen.Elements(false, true)
        from batch in Gen.Choose(1, 4)
        select new MonthScenario(creators, owners, plans, rollover, batch);

    static Gen<GiverPlan> GiverPlans(int things) =>
        from budget in Gen.Frequency((1, Gen.Constant(0L)), (5, Gen.Choose(200, 10_000).Select(x => (long)x)))
        from deposit in Gen.Frequency((1, Gen.Constant(0L)), (5, Gen.Choose(800, 20_000).Select(x => (long)x)))
        from clicks in Gen.SubListOf(Enumerable.Range(0, things).ToArray())
        from subscriptions in Gen.SubListOf(Enumerable.Range(0, things).ToArray())
        from withdrawals in Gen.SubListOf(Enumerable.Range(0, things).ToArray())
        select new GiverPlan(budget, deposit, [.. clicks], [.. subscriptions], [.. withdrawals]);

    static async Task SettleAndCheckAsync(MonthScenario scenario)
    {
        var rules = new MoneyRules { NoClickPolicy = scenario.Rollover ? NoClickPolicy.Rollover : NoClickPolicy.Charity };
        await using var h = await StoreHarness.CreateAsync(rules, scenario.BatchSize);
        var givers = await h.Database.AddUsersAsync(scenario.Givers.Length);
        var users = givers.Concat(await h.Database.AddUsersAsync(scenario.Creators)).ToArray();
        var things = new long[scenario.ThingOwners.Length];
        for (var i = 0; i < things.Length; i++)
        {
            things[i] = await h.Database.AddThingAsync(users[scenario.ThingOwners[i]]);
        }

        // The model: what each giver should spend and on which things.
        var expectedSpend = new Dictionary<long, long>();
        var expectedThings = new Dictionary<long, long[]>();
        for (var g = 0; g < givers.Length; g++)
        {
            var plan = scenario.Givers[g];
            var giver = givers[g];
            if (plan.BudgetCents > 0)
            {
                await h.Budgets.SetAsync(giver, plan.BudgetCents);
            }

            if (plan.DepositCents > 0)
            {
                await h.Ledger.DepositAsync("test", $"d{giver}", giver, plan.DepositCents);
            }

            bool NotOwn(int t) => scenario.ThingOwners[t] != g;
            foreach (var t in plan.Subscriptions.Where(NotOwn))
            {
                await h.Subscriptions.SubscribeAsync(giver, things[t], 3);
            }

            var hasMeans = plan.BudgetCents > 0 && plan.DepositCents > 0;
            foreach (var t in plan.Clicks.Where(NotOwn))
            {
                var result = await h.Clicks.AddAsync(new ClickWrite(giver, things[t], Month));
                var asExpected = hasMeans
                    ? result.Status is ClickWriteStatus.Added or ClickWriteStatus.Duplicate
                    : result.Status == ClickWriteStatus.NoMeans;
                Assert.True(asExpected, $"giver {g} clicking thing {t}: {result.Status}");
            }

            foreach (var t in plan.Withdrawals.Where(NotOwn))
            {
                await h.Clicks.WithdrawAsync(giver, things[t], Month);
            }

            var clicked = plan.Subscriptions.Concat(hasMeans ? plan.Clicks : []).Where(NotOwn).Except(plan.Withdrawals).Distinct()
                .Select(t => things[t]).Order().ToArray();
            var balance = plan.DepositCents - DepositFee.For(plan.DepositCents);
            var spend = clicked.Length == 0 && scenario.Rollover ? 0 : Math.Min(plan.BudgetCents, balance);
            expectedSpend[giver] = spend;
            expectedThings[giver] = clicked;
        }

        h.EndMonth();
        await h.Settlement.RunAsync(Month);
        var settled = await LedgerSnapshot.TakeAsync(h.Database);

        await h.AssertAuditOkAsync();
        for (var g = 0; g < givers.Length; g++)
        {
            var giver = givers[g];
            var statement = await h.Ledger.GetGiverMonthAsync(giver, Month);
            var plan = scenario.Givers[g];
            var bound = Math.Min(plan.BudgetCents, plan.DepositCents - DepositFee.For(plan.DepositCents));
            Assert.True(statement.SpentCents <= bound, $"giver {g} spent {statement.SpentCents} > min(budget, balance) = {bound}");
            Assert.Equal(expectedSpend[giver], statement.SpentCents);
            var n = expectedThings[giver].Length;
            if (n == 0)
            {
                Assert.Empty(statement.Shares);
                Assert.Equal(statement.SpentCents, statement.CharityCents);
                continue;
            }

            Assert.Equal(0, statement.CharityCents);
            Assert.All(statement.Shares, s => Assert.Contains(s.ThingId, expectedThings[giver]));
            foreach (var thing in expectedThings[giver])
            {
                var share = statement.Shares.SingleOrDefault(s => s.ThingId == thing)?.AmountCents ?? 0;
                Assert.True(Math.Abs(share * n - statement.SpentCents) < n, $"share {share} of {statement.SpentCents} over {n} is off by a cent or more");
            }
        }

        await h.Settlement.RunAsync(Month);
        Assert.Equal(settled, await LedgerSnapshot.TakeAsync(h.Database));
    }
}

public sealed record GiverPlan(long BudgetCents, long DepositCents, int[] Clicks, int[] Subscriptions, int[] Withdrawals)
{
    public override string ToString() =>
        $"budget {BudgetCents}, deposit {DepositCents}, clicks [{string.Join(",", Clicks)}], " +
        $"subscriptions [{string.Join(",", Subscriptions)}], withdrawals [{string.Join(",", Withdrawals)}]";
}

public sealed record MonthScenario(int Creators, int[] ThingOwners, GiverPlan[] Givers, bool Rollover, int BatchSize)
{
    public override string ToString() =>
        $"{Givers.Length} givers, {Creators} creators, thing owners [{string.Join(",", ThingOwners)}], " +
        $"{(Rollover ? "rollover" : "charity")}, batch {BatchSize}: {string.Join(" | ", Givers.Select(g => g.ToString()))}";
}
