using System.Collections.Concurrent;
using Flattr.Live;
using Flattr.Testing;

namespace Flattr.Grains.Tests.Grains;

public sealed class LiveAnnouncementTests(FlattrCluster cluster) : IClassFixture<FlattrCluster>
{
    sealed class FeedRecorder : IThingObserver
    {
        public ConcurrentQueue<ThingCountChanged> Changes { get; } = new();

        public Task OnCountChanged(ThingCountChanged change)
        {
            Changes.Enqueue(change);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task The_first_click_on_a_thing_without_an_activation_reaches_the_live_feed_once()
    {
        var giver = await cluster.CreateGiverAsync();
        var thing = await cluster.CreateThingAsync(await cluster.CreateUserAsync());
        // No activation (registering a thing does not activate its grain): the thing grain starts only after the click
        // committed, and loads the click's count from the database.
        Assert.Null(await cluster.WhereIsAsync(cluster.Grains.GetThing(thing)));
        var recorder = new FeedRecorder();
        var reference = cluster.Grains.CreateObjectReference<IThingObserver>(recorder);
        await cluster.Grains.GetLiveFeed().Watch(reference);
        try
        {
            await cluster.Grains.GetWallet(giver, Month.Current(cluster.Clock)).Flattr(thing, anonymous: false);

            await Eventually.TrueAsync(() => recorder.Changes.Any(c => c.ThingId == thing), "the live feed heard of the click");
            var announced = Assert.Single(recorder.Changes, c => c.ThingId == thing);
            Assert.Equal(1, announced.MonthClicks);
            Assert.False(announced.Withdrawal);
        }
        finally
        {
            await cluster.Grains.GetLiveFeed().Unwatch(reference);
            cluster.Grains.DeleteObjectReference<IThingObserver>(reference);
        }
    }
}
