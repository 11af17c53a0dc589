namespace Flattr.Grains.Tests.Grains;

/// <summary>
/// A click breaking several rules is refused for the first one in the stated order (README, "Flattring: the order of the
/// rules"): the month is open, the thing exists, takes flattrs, is not one's own, is not yet flattred this month, and only
/// then the giver's budget and balance.
/// </summary>
public sealed class ClickRuleOrderTests(FlattrCluster cluster) : IClassFixture<FlattrCluster>
{
    Month Now => Month.Current(cluster.Clock);

    [Fact]
    public async Task Flattring_ones_own_thing_without_a_budget_is_flattr_owner_not_no_means()
    {
        var giver = await cluster.CreateUserAsync("nobudget");
        var thing = await cluster.CreateThingAsync(giver);

        await AssertRefused(FlattrErrors.FlattrOwner, () => cluster.Grains.GetWallet(giver, Now).Flattr(thing, anonymous: false));
    }

    [Fact]
    public async Task Flattring_an_unknown_or_deleted_thing_without_a_budget_names_the_thing_not_the_budget()
    {
        var giver = await cluster.CreateUserAsync("nobudget");
        var owner = await cluster.CreateUserAsync();
        var deleted = await cluster.CreateThingAsync(owner);
        await cluster.Grains.GetThing(deleted).Delete(owner);
        var wallet = cluster.Grains.GetWallet(giver, Now);

        await AssertRefused(FlattrErrors.NotFound, () => wallet.Flattr(777_777_777, anonymous: false));
        await AssertRefused(FlattrErrors.ThingInactive, () => wallet.Flattr(deleted, anonymous: false));
    }

    [Fact]
    public async Task Flattring_again_a_thing_deleted_since_is_thing_inactive_before_flattr_once()
    {
        var giver = await cluster.CreateGiverAsync();
        var owner = await cluster.CreateUserAsync();
        var thing = await cluster.CreateThingAsync(owner);
        var wallet = cluster.Grains.GetWallet(giver, Now);
        await wallet.Flattr(thing, anonymous: false);
        await AssertRefused(FlattrErrors.FlattrOnce, () => wallet.Flattr(thing, anonymous: false));

        await cluster.Grains.GetThing(thing).Delete(owner);

        await AssertRefused(FlattrErrors.ThingInactive, () => wallet.Flattr(thing, anonymous: false));
    }

    [Fact]
    public async Task Without_a_budget_a_thing_that_takes_flattrs_is_no_means()
    {
        var giver = await cluster.CreateUserAsync("nobudget");
        var thing = await cluster.CreateThingAsync(await cluster.CreateUserAsync());

        await AssertRefused(FlattrErrors.NoMeans, () => cluster.Grains.GetWallet(giver, Now).Flattr(thing, anonymous: false));
    }

    static async Task AssertRefused(string code, Func<Task> click)
    {
        var error = await Assert.ThrowsAsync<FlattrException>(click);
        Assert.Equal(code, error.Code);
    }
}
