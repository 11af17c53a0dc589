using Flattr.Settlement;

namespace Flattr.Grains.Tests.Grains;

public sealed class SettlementGrainTests(FlattrSilo silo) : IClassFixture<FlattrSilo>
{
    static readonly Month January = new(2026, 1);

    [Fact]
    public async Task The_month_end_reminder_settles_an_ended_month_and_a_second_settlement_changes_nothing()
    {
        // January (the clock starts mid-month): three givers click, one only has a budget (charity).
        var creatorA = await silo.CreateUserAsync("creator");
        var creatorB = await silo.CreateUserAsync("creator");
        var thingA = await silo.CreateThingAsync(creatorA);
        var thingB = await silo.CreateThingAsync(creatorB);
        var thingC = await silo.CreateThingAsync(creatorB);
        var five = await silo.CreateGiverAsync(budgetCents: 500, depositCents: 1000);
        var two = await silo.CreateGiverAsync(budgetCents: 200, depositCents: 1000);
        await silo.CreateGiverAsync(budgetCents: 300, depositCents: 1000);
        foreach (var thing in new[] { thingA, thingB, thingC })
        {
            await silo.Grains.GetWallet(two, January).Flattr(thing, anonymous: false);
        }

        await silo.Grains.GetWallet(five, January).Flattr(thingA, anonymous: true);
        var early = await Assert.ThrowsAsync<FlattrException>(() => silo.Grains.GetSettlement(January).Run());
        Assert.Equal(FlattrErrors.InvalidParameters, early.Code);

        // The month ends; only the durable reminders (month end, then the settlement's own) drive what follows.
        silo.Clock.AdvanceTo(new DateTimeOffset(2026, 2, 1, 0, 0, 30, TimeSpan.Zero));
        var progress = await WaitUntilSettledAsync(silo.Grains.GetSettlement(January));

        Assert.Equal(SettlementState.Done, progress.State);
        Assert.Equal(3, progress.GiversTotal);
        Assert.Equal(3, progress.GiversDone);
        Assert.Equal(500 + 200 + 300, progress.MovedCents);
        Assert.Equal(567 + 133, await silo.Grains.GetUser(creatorA).GetBalance() + await silo.Grains.GetUser(creatorB).GetBalance());
        Assert.Equal(900 - 200, await silo.Grains.GetUser(two).GetBalance());
        var statement = await silo.Grains.GetStatements(two).GetGiverStatement(January);
        Assert.Equal([67L, 67L, 66L], statement.Lines.Select(l => l.AmountCents));
        Assert.Equal(Wallets.MonthStatus.Settled, statement.Status);
        var income = await silo.Grains.GetStatements(creatorA).GetCreatorStatement(January);
        Assert.Equal(567, income.TotalCents);
        await silo.AssertAuditOkAsync();

        // Settling again, by hand and by the reminder, moves nothing.
        var transactions = await silo.LedgerTransactionCountAsync();
        var again = await silo.Grains.GetSettlement(January).Run();
        Assert.Equal(SettlementState.Done, again.State);
        Assert.Empty(await silo.Grains.GetMonthEnd().CheckNow());
        Assert.Equal(transactions, await silo.LedgerTransactionCountAsync());
        await silo.AssertAuditOkAsync();

        // A settled month takes no clicks and no withdrawals.
        var closed = await Assert.ThrowsAsync<FlattrException>(() => silo.Grains.GetWallet(two, January).Withdraw(thingA));
        Assert.Equal(FlattrErrors.MonthClosed, closed.Code);
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

            // Reminder ticks fire when the manual clock passes them; real time lets their grain calls run.
            silo.Clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(100);
        }
    }
}
