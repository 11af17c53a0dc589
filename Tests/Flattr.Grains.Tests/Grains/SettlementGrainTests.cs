using Flattr.Settlement;
using Flattr.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Grains.Tests.Grains;

public sealed class SettlementGrainTests(MonthEndCluster cluster) : IClassFixture<MonthEndCluster>
{
    [Fact]
    public async Task The_month_end_reminder_settles_an_ended_month_and_a_second_settlement_changes_nothing()
    {
        // The clock's month (it starts mid-month): three givers click, one only has a budget (charity).
        var month = Month.Current(cluster.Clock);
        var creatorA = await cluster.CreateUserAsync("creator");
        var creatorB = await cluster.CreateUserAsync("creator");
        var thingA = await cluster.CreateThingAsync(creatorA);
        var thingB = await cluster.CreateThingAsync(creatorB);
        var thingC = await cluster.CreateThingAsync(creatorB);
        var five = await cluster.CreateGiverAsync(budgetCents: 500, depositCents: 1000);
        var two = await cluster.CreateGiverAsync(budgetCents: 200, depositCents: 1000);
        await cluster.CreateGiverAsync(budgetCents: 300, depositCents: 1000);
        foreach (var thing in new[] { thingA, thingB, thingC })
        {
            await cluster.Grains.GetWallet(two, month).Flattr(thing, anonymous: false);
        }

        await cluster.Grains.GetWallet(five, month).Flattr(thingA, anonymous: true);
        var early = await Assert.ThrowsAsync<FlattrException>(() => cluster.Grains.GetSettlement(month).Run());
        Assert.Equal(FlattrErrors.InvalidParameters, early.Code);

        // The month ends; only the silos' month-end reminder, registered at start, and the settlement it starts drive what follows.
        cluster.Clock.SetUtcNow(month.End + TimeSpan.FromSeconds(30));
        var progress = await WaitUntilSettledAsync(cluster.Grains.GetSettlement(month));

        Assert.Equal(SettlementState.Done, progress.State);
        Assert.Equal(3, progress.GiversTotal);
        Assert.Equal(3, progress.GiversDone);
        Assert.Equal(500 + 200 + 300, progress.MovedCents);
        Assert.Equal(567 + 133, await cluster.Grains.GetUser(creatorA).GetBalance() + await cluster.Grains.GetUser(creatorB).GetBalance());
        Assert.Equal(900 - 200, await cluster.Grains.GetUser(two).GetBalance());
        var statement = await cluster.Grains.GetStatements(two).GetGiverStatement(month);
        Assert.NotNull(statement);
        Assert.Equal([67L, 67L, 66L], statement.Lines.Where(l => l.Kind == Flattr.Statements.GiverStatementLineKind.Share).Select(l => l.AmountCents));

        // The statement accounts for the whole month: the shares and the fee of the deposit made in it.
        Assert.Equal([100L], statement.Lines.Where(l => l.Kind == Flattr.Statements.GiverStatementLineKind.DepositFee).Select(l => l.AmountCents));
        Assert.Equal(200 + 100, statement.SpentCents);
        Assert.Equal(Wallets.MonthStatus.Settled, statement.Status);
        var income = await cluster.Grains.GetStatements(creatorA).GetCreatorStatement(month);
        Assert.NotNull(income);
        Assert.Equal(567, income.TotalCents);
        await cluster.AssertAuditOkAsync();

        // Settling again, by hand and by the reminder, moves nothing.
        var transactions = await cluster.LedgerTransactionCountAsync();
        var again = await cluster.Grains.GetSettlement(month).Run();
        Assert.Equal(SettlementState.Done, again.State);
        Assert.Empty(await cluster.Grains.GetMonthEnd().CheckNow());
        Assert.Equal(transactions, await cluster.LedgerTransactionCountAsync());
        await cluster.AssertAuditOkAsync();

        // A settled month takes no clicks and no withdrawals.
        var closed = await Assert.ThrowsAsync<FlattrException>(() => cluster.Grains.GetWallet(two, month).Withdraw(thingA));
        Assert.Equal(FlattrErrors.MonthClosed, closed.Code);
    }

    [Fact]
    public async Task A_settlement_whose_silo_dies_half_way_is_finished_by_its_reminder_on_the_other_silo()
    {
        // A cluster of its own, since one of its silos dies; no month-end reminder: the test starts the settlement itself.
        var own = new FlattrCluster();
        await own.InitializeAsync();
        using var release = new CancellationTokenSource();
        try
        {
            var month = Month.Current(own.Clock);
            var things = new List<long>();
            for (var i = 0; i < 3; i++)
            {
                things.Add(await own.CreateThingAsync(await own.CreateUserAsync("creator")));
            }

            // Seven givers (four batches): six click one to three things, one only has a budget (charity).
            var givers = new List<(long Id, long BudgetCents)>();
            for (var i = 0; i < 7; i++)
            {
                var budget = 200 + (100 * i);
                var giver = await own.CreateGiverAsync(budgetCents: budget, depositCents: 1000);
                foreach (var thing in things.Take(i % 4))
                {
                    await own.Grains.GetWallet(giver, month).Flattr(thing, anonymous: false);
                }

                givers.Add((giver, budget));
            }

            own.Clock.SetUtcNow(month.End + TimeSpan.FromMinutes(1));
            var doomed = own.Cluster.SecondarySilos[0];
            var survivor = own.Cluster.Primary!;

            // The doomed silo's engine stops for good after its second batch committed; then the silo dies.
            var stopped = new TaskCompletionSource<SettlementBatchCommitted>(TaskCreationOptions.RunContinuationsAsynchronously);
            own.Cluster.GetSiloServiceProvider(doomed.SiloAddress).GetRequiredService<SettlementEngine>().BetweenBatches = async (batch, _) =>
            {
                if (batch.BatchNumber == 2)
                {
                    stopped.TrySetResult(batch);
                    await Task.Delay(Timeout.Infinite, release.Token);
                }
            };
            var settlement = own.Grains.GetSettlement(month);
            await own.PlaceAsync(settlement, doomed);
            await settlement.Start();
            Assert.Equal(2, (await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30))).BatchNumber);
            await own.Cluster.KillSiloAsync(doomed);
            Assert.Equal(2 * FlattrCluster.GiversPerBatch, await own.ScalarAsync("SELECT count(*) FROM settlement_plan WHERE month = $1 AND done", month.FirstDay));

            // Only the settlement's own reminder, now served by the surviving silo, finishes the month.
            await Eventually.TrueAsync(async () =>
            {
                own.Clock.Advance(TimeSpan.FromSeconds(20));
                return await own.ScalarAsync("SELECT count(*) FROM settlement_runs WHERE month = $1 AND status = 'done'", month.FirstDay) == 1;
            }, "the settlement finished on the surviving silo", TimeSpan.FromSeconds(90));

            var progress = await settlement.GetProgress();
            Assert.Equal((SettlementState.Done, givers.Count, givers.Count), (progress.State, progress.GiversTotal, progress.GiversDone));
            Assert.Equal(survivor.SiloAddress, await own.WhereIsAsync(settlement));
            // Each giver was charged once, exactly the budget (all balances cover it), whoever ran which batch.
            Assert.Equal(givers.Count, await own.ScalarAsync(
                "SELECT count(*) FROM ledger_transactions WHERE month = $1 AND kind IN ('settlement', 'charity')", month.FirstDay));
            foreach (var (giver, budget) in givers)
            {
                Assert.Equal(900 - budget, await own.Grains.GetUser(giver).GetBalance());
            }

            Assert.Equal(givers.Sum(g => g.BudgetCents), progress.MovedCents);
            await own.AssertAuditOkAsync();
        }
        finally
        {
            await release.CancelAsync();
            await own.DisposeAsync();
        }
    }

    async Task<SettlementProgressReport> WaitUntilSettledAsync(ISettlementGrain settlement)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var progress = await settlement.GetProgress();
            if (progress.State == SettlementState.Done || DateTime.UtcNow > deadline)
            {
                return progress;
            }

            // Reminder ticks fire when the fake clock passes them; real time lets their grain calls run.
            cluster.Clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(100);
        }
    }
}
