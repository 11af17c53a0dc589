using Flattr.Wallets;

namespace Flattr.Grains.Tests.Grains;

public sealed class ClickRuleTests(FlattrCluster cluster) : IClassFixture<FlattrCluster>
{
    Month Now => Month.Current(cluster.Clock);

    [Fact]
    public async Task A_click_is_durable_and_counted_when_it_returns()
    {
        var giver = await cluster.CreateGiverAsync(budgetCents: 500);
        var thing = await cluster.CreateThingAsync(await cluster.CreateUserAsync());

        var result = await cluster.Grains.GetWallet(giver, Now).Flattr(thing, anonymous: false);

        Assert.Equal(1, result.ThingMonthClicks);
        Assert.Equal(1, result.ThingTotalClicks);
        Assert.Equal(500, result.ValueOfOneClickCents);
        Assert.Equal(1, await cluster.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2", giver, thing));
        Assert.Equal(1, (await cluster.Grains.GetThing(thing).GetCounts()).ThisMonth);
    }

    [Fact]
    public async Task Second_click_on_the_same_thing_in_a_month_is_flattr_once()
    {
        var giver = await cluster.CreateGiverAsync();
        var thing = await cluster.CreateThingAsync(await cluster.CreateUserAsync());
        var wallet = cluster.Grains.GetWallet(giver, Now);
        await wallet.Flattr(thing, anonymous: false);

        await AssertRefused(FlattrErrors.FlattrOnce, () => wallet.Flattr(thing, anonymous: true));
        Assert.Equal(1, (await cluster.Grains.GetThing(thing).GetCounts()).ThisMonth);
    }

    [Fact]
    public async Task Clicking_ones_own_thing_is_flattr_owner()
    {
        var giver = await cluster.CreateGiverAsync();
        var thing = await cluster.CreateThingAsync(giver);
        await AssertRefused(FlattrErrors.FlattrOwner, () => cluster.Grains.GetWallet(giver, Now).Flattr(thing, anonymous: false));
    }

    [Fact]
    public async Task Clicking_an_unknown_thing_is_not_found()
    {
        var giver = await cluster.CreateGiverAsync();
        await AssertRefused(FlattrErrors.NotFound, () => cluster.Grains.GetWallet(giver, Now).Flattr(555_555_555, anonymous: false));
    }

    [Fact]
    public async Task Clicking_a_deleted_thing_is_thing_inactive()
    {
        var giver = await cluster.CreateGiverAsync();
        var owner = await cluster.CreateUserAsync();
        var thing = await cluster.CreateThingAsync(owner);
        await cluster.Grains.GetThing(thing).Delete(owner);

        await AssertRefused(FlattrErrors.ThingInactive, () => cluster.Grains.GetWallet(giver, Now).Flattr(thing, anonymous: false));
    }

    [Fact]
    public async Task A_giver_without_budget_or_without_balance_has_no_means()
    {
        var thing = await cluster.CreateThingAsync(await cluster.CreateUserAsync());
        var noBudget = await cluster.CreateUserAsync();
        await cluster.DepositAsync(noBudget, 1000);
        var noBalance = await cluster.CreateUserAsync();
        await cluster.Grains.GetUser(noBalance).SetBudget(500);

        await AssertRefused(FlattrErrors.NoMeans, () => cluster.Grains.GetWallet(noBudget, Now).Flattr(thing, anonymous: false));
        await AssertRefused(FlattrErrors.NoMeans, () => cluster.Grains.GetWallet(noBalance, Now).Flattr(thing, anonymous: false));

        // A deposit gives the means at once, though the wallet had cached "no balance".
        await cluster.DepositAsync(noBalance, 800);
        await cluster.Grains.GetWallet(noBalance, Now).Flattr(thing, anonymous: false);
    }

    [Fact]
    public async Task Clicks_for_a_month_other_than_the_current_one_are_month_closed()
    {
        var giver = await cluster.CreateGiverAsync();
        var thing = await cluster.CreateThingAsync(await cluster.CreateUserAsync());

        await AssertRefused(FlattrErrors.MonthClosed, () => cluster.Grains.GetWallet(giver, Now.Previous()).Flattr(thing, anonymous: false));
        await AssertRefused(FlattrErrors.MonthClosed, () => cluster.Grains.GetWallet(giver, Now.Next()).Flattr(thing, anonymous: false));
        Assert.Equal(0, await cluster.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1", giver));
    }

    [Fact]
    public async Task A_withdrawn_click_is_gone_from_counts_and_may_be_made_again()
    {
        var giver = await cluster.CreateGiverAsync();
        var thing = await cluster.CreateThingAsync(await cluster.CreateUserAsync());
        var wallet = cluster.Grains.GetWallet(giver, Now);
        await wallet.Flattr(thing, anonymous: false);

        var withdrawn = await wallet.Withdraw(thing);

        Assert.Equal(0, withdrawn.ThingMonthClicks);
        Assert.Equal(0, (await cluster.Grains.GetThing(thing).GetCounts()).ThisMonth);
        Assert.Equal(1, await cluster.ScalarAsync("SELECT count(*) FROM click_withdrawals WHERE giver_id = $1 AND thing_id = $2", giver, thing));
        await AssertRefused(FlattrErrors.NotFound, () => wallet.Withdraw(thing));
        Assert.Equal(1, (await wallet.Flattr(thing, anonymous: false)).ThingMonthClicks);
    }

    [Fact]
    public async Task The_giver_month_shows_budget_balance_clicks_and_the_value_of_one_click()
    {
        var giver = await cluster.CreateGiverAsync(budgetCents: 200, depositCents: 1000);
        var owner = await cluster.CreateUserAsync();
        var wallet = cluster.Grains.GetWallet(giver, Now);
        for (var i = 0; i < 3; i++)
        {
            await wallet.Flattr(await cluster.CreateThingAsync(owner), anonymous: i == 0);
        }

        var month = await wallet.GetMonth();
        Assert.Equal(MonthStatus.Open, month.Status);
        Assert.Equal(200, month.BudgetCents);
        Assert.Equal(900, month.BalanceCents);
        Assert.Equal(3, month.Clicks.Length);
        Assert.Equal(66, month.ValueOfOneClickCents);
        var summary = await cluster.Grains.GetUser(giver).GetAccountSummary();
        Assert.Equal((200L, 900L, 3, 66L), (summary.BudgetCents, summary.BalanceCents, summary.ClicksThisMonth, summary.ValueOfOneClickCents));
        Assert.Equal(3, (await cluster.Grains.GetCreator(owner).GetIncome()).ClicksThisMonth);
        Assert.Equal(200, (await cluster.Grains.GetCreator(owner).GetIncome()).ExpectedIncomeCents);
    }

    [Fact]
    public async Task An_auto_submit_link_creates_its_thing_on_the_first_flattr_and_refuses_another_owner()
    {
        var giver = await cluster.CreateGiverAsync();
        var owner = await cluster.CreateUserAsync();
        var url = $"https://blog.example.org/{cluster.Unique("entry")}";
        var submission = new Things.AutoSubmission(owner, new Things.ThingSubmission(url, "An entry never registered"));
        Assert.Null(await cluster.Grains.GetThingRegistry().LookupByUrl(url));

        var result = await cluster.Grains.GetWallet(giver, Now).FlattrAutoSubmit(submission, anonymous: false);

        Assert.Equal(result.ThingId, await cluster.Grains.GetThingRegistry().LookupByUrl(url));
        Assert.Equal(owner, (await cluster.Grains.GetThing(result.ThingId).GetInfo()).OwnerId);
        var other = await cluster.CreateGiverAsync();
        var mismatch = submission with { OwnerId = other == owner ? giver : await cluster.CreateUserAsync() };
        await AssertRefused(FlattrErrors.Validation, () => cluster.Grains.GetWallet(other, Now).FlattrAutoSubmit(mismatch, anonymous: false));
        await AssertRefused(FlattrErrors.FlattrOwner, () => cluster.Grains.GetWallet(owner, Now).FlattrAutoSubmit(submission, anonymous: false));
    }

    static async Task AssertRefused(string code, Func<Task> click)
    {
        var error = await Assert.ThrowsAsync<FlattrException>(click);
        Assert.Equal(code, error.Code);
    }
}
