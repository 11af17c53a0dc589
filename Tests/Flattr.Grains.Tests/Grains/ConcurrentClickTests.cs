using System.Collections.Concurrent;

namespace Flattr.Grains.Tests.Grains;

public sealed class ConcurrentClickTests(FlattrSilo silo) : IClassFixture<FlattrSilo>
{
    [Fact]
    public async Task Thing_counts_agree_with_the_database_after_thousands_of_racing_clicks_across_a_month_boundary()
    {
        const int givers = 150;
        const int things = 5;
        const int clicksPerGiver = 12;

        // Set-up in mid-January (the clock's start); the budgets roll over into February.
        var thingIds = new List<long>();
        for (var i = 0; i < things; i++)
        {
            thingIds.Add(await silo.CreateThingAsync(await silo.CreateUserAsync("creator")));
        }

        var giverIds = await Task.WhenAll(Enumerable.Range(0, givers).Select(_ => silo.CreateGiverAsync(budgetCents: 300, depositCents: 1000)));

        // To January's last seconds in one jump; calls time out on the silo's clock, so the race itself moves it by seconds only.
        silo.Clock.AdvanceTo(new DateTimeOffset(2026, 1, 31, 23, 59, 55, TimeSpan.Zero));
        var outcomes = new ConcurrentDictionary<string, int>();
        var random = new Random(20261031);
        var plan = giverIds.SelectMany(giver => Enumerable.Range(0, clicksPerGiver).Select(_ => (giver, thing: thingIds[random.Next(things)]))).ToArray();

        // The first half races towards January's end; once some have landed the clock crosses into February while the rest of
        // the first half is in flight, then the second half clicks in February.
        var done = 0; // successful clicks so far
        async Task ClickAsync((long giver, long thing) click, int index)
        {
            await Task.Yield();
            try
            {
                await silo.Grains.GetWallet(click.giver, Month.Current(silo.Clock)).Flattr(click.thing, anonymous: index % 7 == 0);
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

        silo.Clock.AdvanceTo(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var clicks = firstHalf.Concat(plan.Skip(plan.Length / 2).Select((click, i) => ClickAsync(click, i + (plan.Length / 2)))).ToArray();
        await Task.WhenAll(clicks);

        Assert.True(outcomes.GetValueOrDefault("ok") > 0);
        Assert.True(outcomes.GetValueOrDefault(FlattrErrors.FlattrOnce) > 0, "the plan has duplicates");
        Assert.All(outcomes.Keys, code => Assert.Contains(code, new[] { "ok", FlattrErrors.FlattrOnce, FlattrErrors.MonthClosed }));

        foreach (var thing in thingIds)
        {
            var counts = await silo.Grains.GetThing(thing).GetCounts();
            Assert.Equal(new Month(2026, 2), counts.Month);
            Assert.Equal(await silo.ScalarAsync("SELECT count(*) FROM clicks WHERE thing_id = $1", thing), counts.Total);
            Assert.Equal(await silo.ScalarAsync("SELECT count(*) FROM clicks WHERE thing_id = $1 AND month = DATE '2026-02-01'", thing), counts.ThisMonth);
            Assert.Equal(await silo.ScalarAsync("SELECT coalesce(sum(clicks), 0) FROM thing_month_counts WHERE thing_id = $1", thing), counts.Total);
        }

        Assert.Equal(outcomes.GetValueOrDefault("ok"), await silo.ScalarAsync("SELECT count(*) FROM clicks"));
        Assert.True(await silo.ScalarAsync("SELECT count(*) FROM clicks WHERE month = DATE '2026-01-01'") >= 100);
        Assert.True(await silo.ScalarAsync("SELECT count(*) FROM clicks WHERE month = DATE '2026-02-01'") > 0);
    }
}
