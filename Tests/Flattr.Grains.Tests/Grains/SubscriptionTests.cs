using Flattr.Subscriptions;

namespace Flattr.Grains.Tests.Grains;

public sealed class SubscriptionTests(FlattrCluster cluster) : IClassFixture<FlattrCluster>
{
    Month Now => Month.Current(cluster.Clock);

    [Fact]
    public async Task A_subscription_counts_once_in_its_month_even_when_the_thing_is_also_clicked()
    {
        var giver = await cluster.CreateGiverAsync();
        var thing = await cluster.CreateThingAsync(await cluster.CreateUserAsync());

        var subscription = await cluster.Grains.GetSubscriptions(giver).Subscribe(thing, SubscriptionTerm.ThreeMonths);

        Assert.True(subscription.Active);
        Assert.Equal(Now.AddMonths(2), subscription.LastMonth);
        Assert.Equal(1, (await cluster.Grains.GetThing(thing).GetCounts()).ThisMonth);
        var error = await Assert.ThrowsAsync<FlattrException>(() => cluster.Grains.GetWallet(giver, Now).Flattr(thing, anonymous: false));
        Assert.Equal(FlattrErrors.FlattrOnce, error.Code);
        Assert.Equal(1, await cluster.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2", giver, thing));
        Assert.Equal(Wallets.ClickSource.Subscription, (await cluster.Grains.GetWallet(giver, Now).GetMonth()).Clicks.Single().Source);
    }

    [Fact]
    public async Task Subscribing_to_a_thing_already_clicked_adds_no_second_click()
    {
        var giver = await cluster.CreateGiverAsync();
        var thing = await cluster.CreateThingAsync(await cluster.CreateUserAsync());
        await cluster.Grains.GetWallet(giver, Now).Flattr(thing, anonymous: false);

        await cluster.Grains.GetSubscriptions(giver).Subscribe(thing, SubscriptionTerm.UntilCancelled);

        Assert.Equal(1, (await cluster.Grains.GetThing(thing).GetCounts()).ThisMonth);
        Assert.Equal(1, await cluster.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2", giver, thing));
    }

    [Fact]
    public async Task Subscribing_twice_or_to_ones_own_thing_is_refused_and_cancelling_ends_it()
    {
        var giver = await cluster.CreateGiverAsync();
        var subscriptions = cluster.Grains.GetSubscriptions(giver);
        var thing = await cluster.CreateThingAsync(await cluster.CreateUserAsync());
        await subscriptions.Subscribe(thing, SubscriptionTerm.TwelveMonths);

        Assert.Equal(FlattrErrors.Subscribed,
            (await Assert.ThrowsAsync<FlattrException>(() => subscriptions.Subscribe(thing, SubscriptionTerm.SixMonths))).Code);
        var own = await cluster.CreateThingAsync(giver);
        Assert.Equal(FlattrErrors.ThingOwner,
            (await Assert.ThrowsAsync<FlattrException>(() => subscriptions.Subscribe(own, SubscriptionTerm.SixMonths))).Code);
        Assert.Equal(FlattrErrors.InvalidParameters,
            (await Assert.ThrowsAsync<FlattrException>(() => subscriptions.Subscribe(thing, (SubscriptionTerm)5))).Code);

        var cancelled = await subscriptions.Cancel(thing);
        Assert.False(cancelled.Active);
        Assert.NotNull(cancelled.CancelledAt);
        Assert.Equal(1, (await cluster.Grains.GetThing(thing).GetCounts()).ThisMonth);
        Assert.Equal(FlattrErrors.NotFound, (await Assert.ThrowsAsync<FlattrException>(() => subscriptions.Cancel(thing))).Code);
    }
}
