using System.Collections.Concurrent;
using Flattr.Live;
using Microsoft.Extensions.DependencyInjection;
using Silo.Hosting;

namespace Flattr.Grains.Tests.Grains;

public sealed class LiveAnnouncementTests(FlattrSilo silo) : IClassFixture<FlattrSilo>
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
        var giver = await silo.CreateGiverAsync();
        var thing = await silo.CreateThingAsync(await silo.CreateUserAsync());
        // No activation: the thing grain starts only after the click committed, and loads the click's count from the database.
        await silo.Host.Services.GetRequiredService<ISiloDiagnostics>().DeactivateAsync(silo.Grains.GetThing(thing));
        var recorder = new FeedRecorder();
        var reference = silo.Grains.CreateObjectReference<IThingObserver>(recorder);
        await silo.Grains.GetLiveFeed().Watch(reference);
        try
        {
            await silo.Grains.GetWallet(giver, Month.Current(silo.Clock)).Flattr(thing, anonymous: false);

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!recorder.Changes.Any(c => c.ThingId == thing) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            var announced = Assert.Single(recorder.Changes, c => c.ThingId == thing);
            Assert.Equal(1, announced.MonthClicks);
            Assert.False(announced.Withdrawal);
        }
        finally
        {
            await silo.Grains.GetLiveFeed().Unwatch(reference);
            silo.Grains.DeleteObjectReference<IThingObserver>(recorder);
        }
    }
}
