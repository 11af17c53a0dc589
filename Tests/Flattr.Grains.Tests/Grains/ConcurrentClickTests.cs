using System.Collections.Concurrent;
using Flattr.Clicks;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Grains.Tests.Grains;

public sealed class ConcurrentClickTests(FlattrCluster cluster) : IClassFixture<FlattrCluster>
{
    [Fact]
    public async Task Thing_counts_agree_with_the_database_after_thousands_of_racing_clicks_across_a_month_boundary()
    {
        const int givers = 150;
        const int things = 5;
        const int clicksPerGiver = 12;

        // Set-up in the middle of the clock's month; the budgets roll over into the next.
        var month = Month.Current(cluster.Clock);
        var thingIds = new List<long>();
        for (var i = 0; i < things; i++)
        {
            thingIds.Add(await cluster.CreateThingAsync(await cluster.CreateUserAsync("creator")));
        }

        var giverIds = await Task.WhenAll(Enumerable.Range(0, givers).Select(_ => cluster.CreateGiverAsync(budgetCents: 300, depositCents: 1000)));

        // To the month's last seconds in one jump.
        cluster.Clock.SetUtcNow(month.End - TimeSpan.FromSeconds(5));
        var outcomes = new ConcurrentDictionary<string, int>();
        var random = new Random(20261031);
        var plan = giverIds.SelectMany(giver => Enumerable.Range(0, clicksPerGiver).Select(_ => (giver, thing: thingIds[random.Next(things)]))).ToArray();

        // The first half races towards the month's end; once some have landed the clock crosses into the next month while the
        // rest of the first half is in flight, then the second half clicks in the next month.
        var done = 0; // successful clicks so far
        async Task ClickAsync((long giver, long thing) click, int index)
        {
            await Task.Yield();
            try
            {
                await cluster.Grains.GetWallet(click.giver, Month.Current(cluster.Clock)).Flattr(click.thing, anonymous: index % 7 == 0);
                outcomes.AddOrUpdate("ok", 1, (_, n) => n + 1);
                Interlocked.Increment(ref done);
            }
            catch (FlattrException e)
            {
                outcomes.AddOrUpdate(e.Code, 1, (_, n) => n + 1);
            }
        }

        var firstHalf = plan.Take(plan.Length / 2).Select(ClickAsync).ToArray();
        while (Volatile.Read(ref done) < 100)
        {
            await Task.Delay(1);
        }

        cluster.Clock.SetUtcNow(month.End);
        var clicks = firstHalf.Concat(plan.Skip(plan.Length / 2).Select((click, i) => ClickAsync(click, i + (plan.Length / 2)))).ToArray();
        await Task.WhenAll(clicks);

        Assert.True(outcomes.GetValueOrDefault("ok") > 0);
        Assert.True(outcomes.GetValueOrDefault(FlattrErrors.FlattrOnce) > 0, "the plan has duplicates");
        Assert.All(outcomes.Keys, code => Assert.Contains(code, new[] { "ok", FlattrErrors.FlattrOnce, FlattrErrors.MonthClosed }));

        foreach (var thing in thingIds)
        {
            var counts = await cluster.Grains.GetThing(thing).GetCounts();
            Assert.Equal(month.Next(), counts.Month);
            Assert.Equal(await cluster.ScalarAsync("SELECT count(*) FROM clicks WHERE thing_id = $1", thing), counts.Total);
            Assert.Equal(await cluster.ScalarAsync("SELECT count(*) FROM clicks WHERE thing_id = $1 AND month = $2", thing, month.Next().FirstDay), counts.ThisMonth);
            Assert.Equal(await cluster.ScalarAsync("SELECT coalesce(sum(clicks), 0) FROM thing_month_counts WHERE thing_id = $1", thing), counts.Total);
        }

        Assert.Equal(outcomes.GetValueOrDefault("ok"), await cluster.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = ANY($1)", giverIds));
        Assert.True(await cluster.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = ANY($1) AND month = $2", giverIds, month.FirstDay) >= 100);
        Assert.True(await cluster.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = ANY($1) AND month = $2", giverIds, month.Next().FirstDay) > 0);
    }

    [Fact]
    public async Task Clicks_racing_into_one_thing_from_wallets_on_both_silos_count_once_per_giver_and_the_thing_agrees_with_the_database()
    {
        const int giversPerSilo = 40;
        const int clicksPerGiver = 3;
        var month = Month.Current(cluster.Clock);
        var thingId = await cluster.CreateThingAsync(await cluster.CreateUserAsync("creator"));
        var silos = cluster.Silos;
        var givers = await Task.WhenAll(Enumerable.Range(0, giversPerSilo * silos.Count).Select(_ => cluster.CreateGiverAsync()));

        // Half the wallets on each silo: their clicks are batched by both silos' click stores into the same thing.
        var wallets = new List<Wallets.IWalletGrain>();
        for (var i = 0; i < givers.Length; i++)
        {
            var silo = silos[i % silos.Count];
            var wallet = cluster.Grains.GetWallet(givers[i], month);
            await cluster.PlaceAsync(wallet, silo);
            wallets.Add(wallet);
        }

        // Every giver clicks the thing three times at once; all the clicks race.
        var outcomes = await Task.WhenAll(wallets.SelectMany(wallet => Enumerable.Range(0, clicksPerGiver).Select(async _ =>
        {
            await Task.Yield();
            try
            {
                await wallet.Flattr(thingId, anonymous: false);
                return "ok";
            }
            catch (FlattrException e)
            {
                return e.Code;
            }
        })));

        Assert.Equal(givers.Length, outcomes.Count(o => o == "ok"));
        Assert.Equal(givers.Length * (clicksPerGiver - 1), outcomes.Count(o => o == FlattrErrors.FlattrOnce));
        Assert.Equal(givers.Length, await cluster.ScalarAsync("SELECT count(*) FROM clicks WHERE thing_id = $1", thingId));
        Assert.Equal(givers.Length, await cluster.ScalarAsync("SELECT count(DISTINCT giver_id) FROM clicks WHERE thing_id = $1", thingId));
        Assert.Equal(givers.Length, await cluster.ScalarAsync("SELECT clicks FROM thing_month_counts WHERE thing_id = $1", thingId));
        var counts = await cluster.Grains.GetThing(thingId).GetCounts();
        Assert.Equal((month, (long)givers.Length, (long)givers.Length), (counts.Month, counts.ThisMonth, counts.Total));
    }

    [Fact]
    public async Task The_same_clicks_sent_through_both_silos_click_stores_at_once_are_each_recorded_once_with_one_durable_count()
    {
        const int givers = 60;
        const int things = 3;
        var month = Month.Current(cluster.Clock);
        var thingIds = new long[things];
        for (var i = 0; i < things; i++)
        {
            thingIds[i] = await cluster.CreateThingAsync(await cluster.CreateUserAsync("creator"));
        }

        var giverIds = await Task.WhenAll(Enumerable.Range(0, givers).Select(_ => cluster.CreateGiverAsync()));
        var stores = cluster.Silos.Select(silo => cluster.Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<ClickStore>()).ToArray();
        Assert.Equal(2, stores.Distinct().Count());

        // Each (giver, thing) is sent twice to each silo's store, all at once: as a retried request, a subscription's
        // materialisation or a second activation in a split cluster would. The database decides which one counts.
        var keys = (from g in giverIds from t in thingIds select (Giver: g, Thing: t)).ToArray();
        var sends = (from key in keys from store in stores from copy in Enumerable.Range(0, 2) select (key, store)).ToArray();
        Random.Shared.Shuffle(sends);
        var results = await Task.WhenAll(sends.Select(send => Task.Run(() => send.store.AddAsync(new ClickWrite(send.key.Giver, send.key.Thing, month)))));

        var outcomes = sends.Zip(results, (send, result) => (send.key, result)).ToArray();
        Assert.All(outcomes, o => Assert.Contains(o.result.Status, new[] { ClickWriteStatus.Added, ClickWriteStatus.Duplicate }));
        Assert.All(outcomes.GroupBy(o => o.key), key => Assert.Single(key, o => o.result.Status == ClickWriteStatus.Added));
        Assert.Equal(keys.Length, await cluster.ScalarAsync("SELECT count(*) FROM clicks WHERE thing_id = ANY($1)", thingIds));
        foreach (var thingId in thingIds)
        {
            var seen = outcomes.Where(o => o.key.Thing == thingId && o.result.Count is not null).Select(o => o.result.Count!).ToArray();
            var durable = (Clicks: await cluster.ScalarAsync("SELECT clicks FROM thing_month_counts WHERE thing_id = $1", thingId),
                Version: await cluster.ScalarAsync("SELECT version FROM thing_month_counts WHERE thing_id = $1", thingId));
            Assert.Equal(givers, durable.Clicks);
            // Both silos' writers moved the one durable count: the highest version any caller saw is the durable one.
            var newest = seen.MaxBy(c => c.Version)!;
            Assert.Equal(durable, (newest.Clicks, newest.Version));
            Assert.Equal(givers, (await cluster.Grains.GetThing(thingId).GetCounts()).ThisMonth);
        }
    }
}
