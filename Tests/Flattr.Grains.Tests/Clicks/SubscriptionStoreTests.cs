using Flattr.Clicks;
using Flattr.Grains.Tests.Ledger;
using Flattr.Money;
using Flattr.Wallets;

namespace Flattr.Grains.Tests.Clicks;

public sealed class SubscriptionStoreTests : IAsyncLifetime
{
    static readonly Month Month = StoreHarness.Month;
    StoreHarness _h = null!;
    long _giver;
    long _thing;

    public async Task InitializeAsync()
    {
        _h = await StoreHarness.CreateAsync();
        _giver = await _h.AddGiverAsync();
        _thing = (await _h.AddThingsAsync(1))[0];
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Subscribing_clicks_the_thing_for_the_current_month_as_a_subscription()
    {
        var result = await _h.Subscriptions.SubscribeAsync(_giver, _thing, 3);

        Assert.Equal((_giver, _thing, Month, (int?)3, (DateTimeOffset?)null),
            (result.Subscription.GiverId, result.Subscription.ThingId, result.Subscription.StartMonth, result.Subscription.Months,
             result.Subscription.CancelledAt));
        Assert.Equal(ClickWriteStatus.Added, result.CurrentMonthClick.Status);
        var click = Assert.Single(await _h.Clicks.ListForGiverAsync(_giver, Month));
        Assert.Equal(ClickSource.Subscription, click.Source);
        Assert.Equal([result.Subscription], await _h.Subscriptions.ListForGiverAsync(_giver));
    }

    [Fact]
    public async Task A_subscription_counts_once_when_the_giver_also_clicked()
    {
        await _h.Clicks.AddAsync(new ClickWrite(_giver, _thing, Month));

        var result = await _h.Subscriptions.SubscribeAsync(_giver, _thing, null);

        Assert.Equal(ClickWriteStatus.Duplicate, result.CurrentMonthClick.Status);
        Assert.Equal(0, await _h.Subscriptions.MaterialiseMonthAsync(Month));
        Assert.Equal(1, (await _h.Clicks.CountsForThingAsync(_thing))[0].Clicks);
    }

    [Fact]
    public async Task A_subscription_clicks_each_month_of_its_length_and_no_more()
    {
        await _h.Subscriptions.SubscribeAsync(_giver, _thing, 3);

        var added = new List<int>();
        for (var month = Month.Next(); month <= Month.AddMonths(4); month = month.Next())
        {
            added.Add(await _h.Subscriptions.MaterialiseMonthAsync(month));
        }

        Assert.Equal([1, 1, 0, 0], added);
        Assert.Equal([1L, 1L, 1L], (await _h.Clicks.CountsForThingAsync(_thing)).Select(c => c.Clicks));
    }

    [Fact]
    public async Task A_cancelled_subscription_still_counts_in_the_month_it_was_cancelled_but_not_after()
    {
        var subscription = (await _h.Subscriptions.SubscribeAsync(_giver, _thing, null)).Subscription;
        _h.SetDay(Month.Next(), 10);

        var cancelled = await _h.Subscriptions.CancelAsync(_giver, subscription.SubscriptionId);
        var again = await _h.Subscriptions.CancelAsync(_giver, subscription.SubscriptionId);

        Assert.Equal(_h.Clock.GetUtcNow(), cancelled.CancelledAt);
        Assert.Equal(cancelled, again);
        Assert.Equal(1, await _h.Subscriptions.MaterialiseMonthAsync(Month.Next()));
        Assert.Equal(0, await _h.Subscriptions.MaterialiseMonthAsync(Month.AddMonths(2)));
    }

    [Fact]
    public async Task A_withdrawn_subscription_click_is_not_materialised_again()
    {
        await _h.Subscriptions.SubscribeAsync(_giver, _thing, 6);
        await _h.Clicks.WithdrawAsync(_giver, _thing, Month);

        Assert.Equal(0, await _h.Subscriptions.MaterialiseMonthAsync(Month));
        Assert.Empty(await _h.Clicks.ListForGiverAsync(_giver, Month));
    }

    [Fact]
    public async Task A_settling_month_is_left_alone()
    {
        await _h.Subscriptions.SubscribeAsync(_giver, _thing, 6);
        await _h.Database.ExecuteAsync("INSERT INTO months (month, status) VALUES ($1, 'settling')", Month.Next());

        Assert.Equal(0, await _h.Subscriptions.MaterialiseMonthAsync(Month.Next()));
    }

    [Fact]
    public async Task Bad_subscriptions_are_refused_with_clear_codes_and_write_nothing()
    {
        var own = await _h.Database.AddThingAsync(_giver);
        var deleted = await _h.Database.AddThingAsync(await _h.Database.AddUserAsync(), deleted: true);
        await _h.Subscriptions.SubscribeAsync(_giver, _thing, 12);

        Assert.Equal(FlattrErrors.FlattrOwner, (await Refused(_giver, own, 3)).Code);
        Assert.Equal(FlattrErrors.ThingInactive, (await Refused(_giver, deleted, 3)).Code);
        Assert.Equal(FlattrErrors.NotFound, (await Refused(_giver, 999_999, 3)).Code);
        Assert.Equal(FlattrErrors.NotFound, (await Refused(999_999, _thing, 3)).Code);
        Assert.Equal(FlattrErrors.InvalidParameters, (await Refused(_giver, _thing, 4)).Code);
        Assert.Equal(FlattrErrors.Conflict, (await Refused(_giver, _thing, null)).Code);
        Assert.Equal(FlattrErrors.NotFound,
            (await Assert.ThrowsAsync<FlattrException>(() => _h.Subscriptions.CancelAsync(999_999, 1))).Code);
        Assert.Single(await _h.Subscriptions.ListForGiverAsync(_giver));
    }

    Task<FlattrException> Refused(long giver, long thing, int? months) =>
        Assert.ThrowsAsync<FlattrException>(() => _h.Subscriptions.SubscribeAsync(giver, thing, months));
}
