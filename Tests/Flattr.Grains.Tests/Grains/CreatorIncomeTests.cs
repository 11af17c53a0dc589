using System.Threading.Channels;
using Flattr.Live;

namespace Flattr.Grains.Tests.Grains;

public sealed class CreatorIncomeTests(FlattrCluster cluster) : IClassFixture<FlattrCluster>
{
    Month Now => Month.Current(cluster.Clock);

    [Fact]
    public async Task A_watching_creator_gets_one_giver_one_click_and_the_income_with_the_first_click()
    {
        var giver = await cluster.CreateGiverAsync(budgetCents: 500);
        var owner = await cluster.CreateUserAsync();
        var thing = await cluster.CreateThingAsync(owner);
        var watcher = new IncomeWatcher();
        var reference = cluster.Grains.CreateObjectReference<ICreatorObserver>(watcher);
        await cluster.Grains.GetCreator(owner).Watch(reference);

        await cluster.Grains.GetWallet(giver, Now).Flattr(thing, anonymous: false);

        var (flattr, income) = await watcher.NextAsync();
        Assert.Equal((FlattrEventKind.Flattr, thing), (flattr.Kind, flattr.ThingId));
        Assert.Equal((500L, 1L, 1), (income.ExpectedIncomeCents, income.ClicksThisMonth, income.Givers));
        Assert.Equal(income, await cluster.Grains.GetCreator(owner).GetIncome());
        await cluster.Grains.GetCreator(owner).Unwatch(reference);
        cluster.Grains.DeleteObjectReference<ICreatorObserver>(reference);
    }

    [Fact]
    public async Task A_dashboard_watching_through_the_cluster_client_hears_every_click_whichever_silos_hold_the_creator_wallet_and_thing()
    {
        // Every placement of the three grains a click passes through (the giver's wallet, the thing, the creator that pushes
        // to the dashboard) over the two silos; the dashboard's observer lives in the cluster client, as the web's does.
        foreach (var creatorSilo in cluster.Silos)
        {
            var owner = await cluster.CreateUserAsync("creator");
            var creator = cluster.Grains.GetCreator(owner);
            await cluster.PlaceAsync(creator, creatorSilo);
            var watcher = new IncomeWatcher();
            var reference = cluster.Grains.CreateObjectReference<ICreatorObserver>(watcher);
            await creator.Watch(reference);
            var clicks = 0;
            foreach (var walletSilo in cluster.Silos)
            {
                foreach (var thingSilo in cluster.Silos)
                {
                    var giver = await cluster.CreateGiverAsync(budgetCents: 200);
                    var thingId = await cluster.CreateThingAsync(owner);
                    var thing = cluster.Grains.GetThing(thingId);
                    var wallet = cluster.Grains.GetWallet(giver, Now);
                    await cluster.PlaceAsync(thing, thingSilo);
                    await cluster.PlaceAsync(wallet, walletSilo);

                    await wallet.Flattr(thingId, anonymous: false);

                    clicks++;
                    var (flattr, income) = await watcher.NextAsync();
                    Assert.Equal((FlattrEventKind.Flattr, thingId, giver), (flattr.Kind, flattr.ThingId, flattr.Giver?.Id));
                    Assert.Equal((owner, 200L * clicks, (long)clicks, clicks), (income.CreatorId, income.ExpectedIncomeCents, income.ClicksThisMonth, income.Givers));
                }
            }

            Assert.Equal(creatorSilo.SiloAddress, await cluster.WhereIsAsync(creator));
            Assert.False(watcher.HasMore, "one push per click");
            await creator.Unwatch(reference);
            cluster.Grains.DeleteObjectReference<ICreatorObserver>(reference);
        }
    }

    [Fact]
    public async Task Daily_figures_count_each_click_on_its_day_and_add_up_to_the_monthly_expected_income()
    {
        var creator = await cluster.CreateUserAsync("creator");
        var other = await cluster.CreateUserAsync("creator");
        var first = await cluster.CreateThingAsync(creator);
        var second = await cluster.CreateThingAsync(creator);
        var elsewhere = await cluster.CreateThingAsync(other);
        var five = await cluster.CreateGiverAsync(budgetCents: 500);
        var two = await cluster.CreateGiverAsync(budgetCents: 200);
        var month = Now;
        var firstDay = DateOnly.FromDateTime(cluster.Clock.GetUtcNow().UtcDateTime);

        await cluster.Grains.GetWallet(five, month).Flattr(first, anonymous: false);
        cluster.Clock.Advance(TimeSpan.FromDays(1));
        // The click elsewhere first: the live estimate hears of it only at its next rebuild, and is compared below.
        await cluster.Grains.GetWallet(five, month).Flattr(elsewhere, anonymous: false);
        await cluster.Grains.GetWallet(five, month).Flattr(second, anonymous: true);
        await cluster.Grains.GetWallet(two, month).Flattr(second, anonymous: false);

        var daily = await cluster.Grains.GetCreator(creator).GetDaily(month);

        Assert.Equal(DateTime.DaysInMonth(month.Year, month.Number), daily.Length);
        Assert.Equal(month.FirstDay, daily[0].Day);
        // The €5 giver's two clicks here of three are worth 500 × 2 / 3 = 333: 166 on the first day, the rest on the second.
        Assert.Equal(new CreatorDay(firstDay, 1, 166), daily.Single(d => d.Day == firstDay));
        Assert.Equal(new CreatorDay(firstDay.AddDays(1), 2, 167 + 200), daily.Single(d => d.Day == firstDay.AddDays(1)));
        Assert.All(daily.Where(d => d.Day < firstDay || d.Day > firstDay.AddDays(1)), d => Assert.Equal((0L, 0L), (d.Clicks, d.ExpectedIncomeCents)));
        var income = await cluster.Grains.GetCreator(creator).GetIncome();
        Assert.Equal((income.ClicksThisMonth, income.ExpectedIncomeCents), (daily.Sum(d => d.Clicks), daily.Sum(d => d.ExpectedIncomeCents)));
        Assert.All(await cluster.Grains.GetCreator(creator).GetDaily(month.Previous()), d => Assert.Equal(0, d.Clicks));
    }

    sealed class IncomeWatcher : ICreatorObserver
    {
        readonly Channel<(FlattrEvent, CreatorIncome)> _received = Channel.CreateUnbounded<(FlattrEvent, CreatorIncome)>();

        public Task OnFlattr(FlattrEvent flattr, CreatorIncome income)
        {
            _received.Writer.TryWrite((flattr, income));
            return Task.CompletedTask;
        }

        public Task OnReconciled(CreatorIncome income)
        {
            Reconciled.Writer.TryWrite(income);
            return Task.CompletedTask;
        }

        public Channel<CreatorIncome> Reconciled { get; } = Channel.CreateUnbounded<CreatorIncome>();

        public bool HasMore => _received.Reader.Count > 0;

        public async Task<(FlattrEvent Flattr, CreatorIncome Income)> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return await _received.Reader.ReadAsync(timeout.Token);
        }
    }
}
