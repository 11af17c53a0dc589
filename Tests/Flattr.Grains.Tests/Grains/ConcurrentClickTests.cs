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

        // Set-up in the last hour of January; the budgets roll over into February.
        silo.Clock.AdvanceTo(new DateTimeOffset(2026, 1, 31, 23, 0, 0, TimeSpan.Zero));
        var thingIds = new List<long>();
        for (var i = 0; i < things; i++)
        {
            thingIds.Add(await silo.CreateThingAsync(await silo.CreateUserAsync("creator")));
        }

        var giverIds = await Task.WhenAll(Enumerable.Range(0, givers).Select(_ => silo.CreateGiverAsync(budgetCents: 300, depositCents: 1000)));
        var outcomes = new ConcurrentDictionary<string, int>();
        var random = new Random(20261031);
        var plan = giverIds.SelectMany(giver => Enumerable.Range(0, clicksPerGiver).Select(_ => (giver, thing: thingIds[random.Next(things)]))).ToArray();

        // Half the clicks race towards January's end; the clock then crosses into February while the rest are in flight.
        var midnight = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var clicks = plan.Select(async (click, index) =>
        {
            await Task.Yield();
            if (index == plan.Length / 2)
            {
                silo.Clock.AdvanceTo(midnight);
            }

            try
            {
                await silo.Grains.GetWallet(click.giver, Month.Current(silo.Clock)).Flattr(click.thing, anonymous: index % 7 == 0);
                outcomes.AddOrUpdate("ok", 1, (_, n) => n + 1);
            }
            catch (FlattrException e)
            {
                outcomes.AddOrUpdate(e.Code, 1, (_, n) => n + 1);
            }
        }).ToArray();
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
    }
}
