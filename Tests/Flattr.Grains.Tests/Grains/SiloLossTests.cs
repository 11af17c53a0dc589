using System.Threading.Channels;
using Flattr.Clicks;
using Flattr.Live;
using Flattr.Testing;
using Flattr.Things;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Grains.Tests.Grains;

/// <summary>
/// A silo dies between committing a click and telling the thing and its creator (the click is in the database; nothing more
/// will come for it). The grains on the surviving silo that mirror those counts read them again once the cluster declares the
/// silo dead, and their watchers hear it.
/// </summary>
public sealed class SiloLossTests
{
    [Fact]
    public async Task When_a_silo_dies_the_things_and_creators_on_the_survivor_reload_clicks_it_committed_without_telling_them()
    {
        // A cluster of its own, since one of its silos dies.
        var own = new FlattrCluster();
        await own.InitializeAsync();
        try
        {
            var creatorId = await own.CreateUserAsync("creator");
            var thingId = await own.CreateThingAsync(creatorId);
            var giver = await own.CreateGiverAsync();
            var survivor = own.Cluster.Primary!;
            var doomed = own.Cluster.SecondarySilos[0];
            var thing = own.Grains.GetThing(thingId);
            var creator = own.Grains.GetCreator(creatorId);
            await own.PlaceAsync(thing, survivor);
            await own.PlaceAsync(creator, survivor);

            var thingWatcher = new CountWatcher();
            var thingReference = own.Grains.CreateObjectReference<IThingObserver>(thingWatcher);
            await thing.Watch(thingReference);
            var creatorWatcher = new FiguresWatcher();
            var creatorReference = own.Grains.CreateObjectReference<ICreatorObserver>(creatorWatcher);
            await creator.Watch(creatorReference);
            // A watcher new to an activation hears the figures at once (0 clicks so far).
            Assert.Equal(0, (await thingWatcher.Counts.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).MonthClicks);
            Assert.Equal(0, (await creatorWatcher.Figures.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).ClicksThisMonth);

            // The doomed silo's click store commits the giver's click, as its wallet would; the silo dies before telling anyone.
            var month = Month.Current(own.Clock);
            var written = await own.Cluster.GetSiloServiceProvider(doomed.SiloAddress).GetRequiredService<ClickStore>()
                .AddAsync(new ClickWrite(giver, thingId, month));
            Assert.True(written.Succeeded);
            Assert.Equal(0, (await thing.GetCounts()).ThisMonth);
            await own.Cluster.KillSiloAsync(doomed);

            // Once the survivor's membership declares the silo dead, the thing and the creator read the database again.
            var reloaded = await thingWatcher.Counts.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(90));
            Assert.Equal((thingId, 1L), (reloaded.ThingId, reloaded.MonthClicks));
            Assert.Equal(1, (await thing.GetCounts()).ThisMonth);
            var figures = await creatorWatcher.Figures.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal((1L, 1), (figures.ClicksThisMonth, figures.Givers));
            Assert.Equal(figures, await creator.GetIncome());
            Assert.Equal(survivor.SiloAddress, await own.WhereIsAsync(thing));
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    sealed class CountWatcher : IThingObserver
    {
        public Channel<ThingCountChanged> Counts { get; } = Channel.CreateUnbounded<ThingCountChanged>();

        public Task OnCountChanged(ThingCountChanged change)
        {
            Counts.Writer.TryWrite(change);
            return Task.CompletedTask;
        }
    }

    sealed class FiguresWatcher : ICreatorObserver
    {
        public Channel<CreatorIncome> Figures { get; } = Channel.CreateUnbounded<CreatorIncome>();

        public Task OnFlattr(FlattrEvent flattr, CreatorIncome income) => Task.CompletedTask;

        public Task OnReconciled(CreatorIncome income)
        {
            Figures.Writer.TryWrite(income);
            return Task.CompletedTask;
        }
    }
}
