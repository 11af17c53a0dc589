using Flattr.Ledger;
using Flattr.Money;
using Flattr.Users;

namespace Flattr.Grains.Tests.Ledger;

public sealed class BudgetStoreTests : IAsyncLifetime
{
    static readonly Month Month = StoreHarness.Month;
    StoreHarness _h = null!;

    public async Task InitializeAsync() => _h = await StoreHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_first_budget_takes_effect_in_the_current_month()
    {
        var user = await _h.Database.AddUserAsync();

        var change = await _h.Budgets.SetAsync(user, 500);

        Assert.Equal(new BudgetChange(500, Month, AppliesThisMonth: true), change);
        Assert.Equal(500, await _h.Budgets.GetForMonthAsync(user, Month));
        Assert.Equal(0, await _h.Budgets.GetForMonthAsync(user, Month.AddMonths(-1)));
    }

    [Fact]
    public async Task A_later_change_takes_effect_next_month_and_the_current_month_keeps_its_budget()
    {
        var user = await _h.Database.AddUserAsync();
        await _h.Budgets.SetAsync(user, 500);

        var change = await _h.Budgets.SetAsync(user, 2_000);
        var changeAgain = await _h.Budgets.SetAsync(user, 3_000);

        Assert.Equal(Month.Next(), change.EffectiveFrom);
        Assert.Equal(Month.Next(), changeAgain.EffectiveFrom);
        Assert.Equal(500, await _h.Budgets.GetForMonthAsync(user, Month));
        Assert.Equal(3_000, await _h.Budgets.GetForMonthAsync(user, Month.Next()));
        Assert.Equal(3_000, await _h.Budgets.GetForMonthAsync(user, Month.AddMonths(6)));
        Assert.Equal([(Month, 500L), (Month.Next(), 3_000L)],
            (await _h.Budgets.GetScheduleAsync(user)).Select(p => (p.EffectiveMonth, p.AmountCents)));
    }

    [Fact]
    public async Task Pausing_stops_giving_from_next_month()
    {
        var user = await _h.Database.AddUserAsync();
        await _h.Budgets.SetAsync(user, 500);

        var pause = await _h.Budgets.PauseAsync(user);

        Assert.Equal(new BudgetChange(0, Month.Next(), AppliesThisMonth: false), pause);
        Assert.Equal(500, await _h.Budgets.GetForMonthAsync(user, Month));
        Assert.Equal(0, await _h.Budgets.GetForMonthAsync(user, Month.Next()));
    }

    [Fact]
    public async Task Pausing_without_any_budget_writes_nothing()
    {
        var user = await _h.Database.AddUserAsync();

        var pause = await _h.Budgets.PauseAsync(user);
        var first = await _h.Budgets.SetAsync(user, 300);

        Assert.Equal(new BudgetChange(0, Month, AppliesThisMonth: true), pause);
        Assert.Equal(Month, first.EffectiveFrom);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-200)]
    [InlineData(199)]
    [InlineData(10_001)]
    public async Task A_budget_out_of_range_is_invalid_parameters_and_changes_nothing(long amount)
    {
        var user = await _h.Database.AddUserAsync();

        var error = await Assert.ThrowsAsync<FlattrException>(() => _h.Budgets.SetAsync(user, amount));

        Assert.Equal(FlattrErrors.InvalidParameters, error.Code);
        Assert.Empty(await _h.Budgets.GetScheduleAsync(user));
    }

    [Fact]
    public async Task Budgets_of_an_unknown_user_are_not_found()
    {
        Assert.Equal(FlattrErrors.NotFound, (await Assert.ThrowsAsync<FlattrException>(() => _h.Budgets.SetAsync(999_999, 500))).Code);
        Assert.Equal(FlattrErrors.NotFound, (await Assert.ThrowsAsync<FlattrException>(() => _h.Budgets.PauseAsync(999_999))).Code);
        Assert.Equal(FlattrErrors.NotFound, (await Assert.ThrowsAsync<FlattrException>(() => _h.Budgets.GetForMonthAsync(999_999, Month))).Code);
    }
}
