using Flattr.Ledger;
using Flattr.Money;
using Flattr.Payouts;
using Microsoft.Extensions.Options;

namespace Flattr.Grains.Tests.Ledger;

/// <summary>
/// The payout store without a grain in front of it, as two silos' activations would call it at once: the database alone keeps
/// a creator's payouts within what is available, and keeps payouts away from a settling month.
/// </summary>
public sealed class CreatorPayoutStoreTests : IAsyncLifetime
{
    const string Iban = "DE89370400440532013000";

    StoreHarness _h = null!;

    public async Task InitializeAsync() => _h = await StoreHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    PayoutStore Store() => new(_h.DataSource, Options.Create(new MoneyRules()), _h.Settlement);

    /// <summary>A creator whose thing was flattred by one giver with <paramref name="budgetCents"/> in the harness month, settled.</summary>
    async Task<long> CreatorWithSettledIncomeAsync(long budgetCents)
    {
        var things = await _h.AddThingsAsync(1);
        var creator = await _h.OwnerOfAsync(things[0]);
        var giver = await _h.AddGiverAsync(budgetCents, depositCents: budgetCents * 2);
        await _h.ClickAllAsync(giver, things);
        _h.EndMonth();
        await _h.Settlement.RunAsync(StoreHarness.Month);
        await new PayoutAccountStore(_h.DataSource).SetAsync(creator, Iban, "Ada Creator", _h.Clock.GetUtcNow(), CancellationToken.None);
        return creator;
    }

    [Fact]
    public async Task Two_concurrent_requests_for_the_whole_balance_from_two_stores_give_one_payout_and_one_no_means()
    {
        var creator = await CreatorWithSettledIncomeAsync(3_000);
        var (first, second) = (Store(), Store());

        var outcomes = await Task.WhenAll(
            Attempt(() => first.RequestAsync(creator, null, _h.Clock.GetUtcNow(), CancellationToken.None)),
            Attempt(() => second.RequestAsync(creator, 3_000, _h.Clock.GetUtcNow(), CancellationToken.None)));

        Assert.Single(outcomes, o => o.Payout is { AmountCents: 3_000 });
        Assert.Single(outcomes, o => o.Error == FlattrErrors.NoMeans);
        Assert.Equal(0, await _h.Ledger.GetBalanceAsync(creator));
        Assert.Equal(1L, await _h.Database.ScalarAsync<long>("SELECT count(*) FROM payouts WHERE user_id = $1", creator));
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_payout_asked_while_a_month_settles_is_refused_with_when_to_retry_and_goes_through_once_it_is_settled()
    {
        var creator = await CreatorWithSettledIncomeAsync(2_000);
        // The next month is planned (settling) but not yet run.
        _h.SetDay(StoreHarness.Month.AddMonths(2), 2);
        await _h.Settlement.PlanAsync(StoreHarness.Month.Next());

        var refused = await Assert.ThrowsAsync<FlattrException>(
            () => Store().RequestAsync(creator, null, _h.Clock.GetUtcNow(), CancellationToken.None));
        await _h.Settlement.RunAsync(StoreHarness.Month.Next());
        var payout = await Store().RequestAsync(creator, null, _h.Clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(FlattrErrors.Conflict, refused.Code);
        Assert.Contains($"{StoreHarness.Month.Next()} is being settled; try again in about 1 minute", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2_000, payout.AmountCents);
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_payout_racing_a_settlement_either_goes_first_or_waits_and_the_ledger_stays_whole()
    {
        var creator = await CreatorWithSettledIncomeAsync(4_000);
        // The creator also gives: a budget for the next month, whose settlement races the payout of this month's income.
        await _h.Budgets.SetAsync(creator, 1_000);
        _h.SetDay(StoreHarness.Month.AddMonths(2), 2);

        var settling = _h.Settlement.RunAsync(StoreHarness.Month.Next());
        var payout = await Attempt(() => Store().RequestAsync(creator, null, _h.Clock.GetUtcNow(), CancellationToken.None));
        await settling;

        Assert.True(payout.Payout is not null || payout.Error == FlattrErrors.Conflict, $"unexpected outcome {payout}");
        var paidOut = payout.Payout?.AmountCents ?? 0;
        // Whichever came first, the creator kept what the payout did not take and spent at most the budget, never below zero.
        var balance = await _h.Ledger.GetBalanceAsync(creator);
        Assert.InRange(balance, 0, 4_000 - paidOut);
        Assert.Equal(4_000 - paidOut - balance, await _h.Database.ScalarAsync<long>(
            "SELECT coalesce(sum(spend_cents), 0)::bigint FROM settlement_plan WHERE giver_id = $1", creator));
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Deposits_are_not_paid_out_and_the_own_budget_of_an_unsettled_month_stays_in_the_balance()
    {
        var creator = await CreatorWithSettledIncomeAsync(3_000);
        await _h.Ledger.DepositAsync("test", "own-deposit", creator, 5_000);
        await _h.Budgets.SetAsync(creator, 500);

        var figures = (await Store().ReadFiguresAsync(creator, Month.Of(_h.Clock.GetUtcNow()), CancellationToken.None)).Figures;
        var tooMuch = await Assert.ThrowsAsync<FlattrException>(
            () => Store().RequestAsync(creator, 3_001, _h.Clock.GetUtcNow(), CancellationToken.None));

        Assert.Equal((3_000L + 4_500, 3_000L, 0L, 500L, 3_000L),
            (figures.BalanceCents, figures.IncomeCents, figures.PaidOutCents, figures.ReservedCents, figures.AvailableCents));
        Assert.Equal(FlattrErrors.NoMeans, tooMuch.Code);
    }

    static async Task<(Payout? Payout, string? Error)> Attempt(Func<Task<Payout>> request)
    {
        try
        {
            return (await request(), null);
        }
        catch (FlattrException e)
        {
            return (null, e.Code);
        }
    }
}
