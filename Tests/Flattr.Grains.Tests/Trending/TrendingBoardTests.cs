using System.Collections.Immutable;
using Flattr.Api;
using Flattr.Grains.Tests.Grains;
using Flattr.Testing;
using Flattr.Things;
using Flattr.Trending;

namespace Flattr.Grains.Tests.Trending;

/// <summary>
/// The trending board is one grain for the cluster: clicks reach it from thing grains on either silo, it ranks as the API's
/// <c>sort=trend</c> does (one formula), and activated again on the other silo it reads the same board from the database.
/// Each test lists its things under a language of its own, so the filtered board and search hold only them.
/// </summary>
public sealed class TrendingBoardTests(FlattrCluster cluster) : IClassFixture<FlattrCluster>
{
    [Fact]
    public async Task Clicks_on_things_whose_grains_live_on_either_silo_all_reach_the_board()
    {
        const string language = "qa_QA";
        var silos = cluster.Silos;
        await cluster.PlaceAsync(cluster.Grains.GetTrending(), silos[0]);
        var owner = await cluster.CreateUserAsync();
        var givers = await GiversAsync(4);
        var things = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var thing = await RegisterAsync(owner, language);
            await cluster.PlaceAsync(cluster.Grains.GetThing(thing), silos[i % 2]);
            things.Add(thing);
        }

        // Thing i gets i + 1 clicks, all at one instant: the board ranks them by their number.
        for (var i = 0; i < things.Count; i++)
        {
            foreach (var giver in givers.Take(i + 1))
            {
                await cluster.Grains.GetWallet(giver, Month.Current(cluster.Clock)).Flattr(things[i], anonymous: false);
            }
        }

        ImmutableArray<TrendingThing> board = [];
        await Eventually.TrueAsync(
            async () => (board = await cluster.Grains.GetTrending().Top(null, language, 10)).Select(t => t.MonthClicks).SequenceEqual([4L, 3, 2, 1]),
            "every click reached the board");
        Assert.Equal(Enumerable.Reverse(things), board.Select(t => t.ThingId));
        Assert.Equal(
            [TrendingHeat.Of(cluster.Clock.GetUtcNow()) + Math.Log(4)],
            [board[0].Heat],
            new HeatComparer());
    }

    [Fact]
    public async Task The_boards_order_equals_the_apis_trending_order_for_the_same_clicks()
    {
        const string language = "qb_QB";
        var owner = await cluster.CreateUserAsync();
        var (g1, g2, g3) = await ThreeGiversAsync();
        var early = await RegisterAsync(owner, language);
        var withdrawn = await RegisterAsync(owner, language);
        var fresh = await RegisterAsync(owner, language);
        var single = await RegisterAsync(owner, language);
        var twin = await RegisterAsync(owner, language);

        // Ten hours ago three clicks (score 3·2^(-10/12) ≈ 1.68); five hours ago two, one withdrawn since (≈ 0.75); now two
        // (2), and one each on two things at the same instant (1 each: equal, the newer id first).
        await FlattrAsync(early, g1, g2, g3);
        cluster.Clock.Advance(TimeSpan.FromHours(5));
        await FlattrAsync(withdrawn, g1, g2);
        cluster.Clock.Advance(TimeSpan.FromHours(5));
        await FlattrAsync(fresh, g1, g2);
        await FlattrAsync(single, g1);
        await FlattrAsync(twin, g2);
        await cluster.Grains.GetWallet(g2, Month.Current(cluster.Clock)).Withdraw(withdrawn);

        long[] expected = [fresh, early, twin, single, withdrawn];
        await Eventually.TrueAsync(
            async () => (await BoardAsync(language)).SequenceEqual(expected)
                && (await cluster.Grains.GetTrending().Top(null, language, 10)).Single(t => t.ThingId == withdrawn).MonthClicks == 1,
            "the board has every click and the withdrawal");
        Assert.Equal(expected, await ApiTrendAsync(language));
    }

    [Fact]
    public async Task Activated_again_on_the_other_silo_the_board_reads_the_same_ranking_and_counts_each_later_click_once()
    {
        const string language = "qc_QC";
        var owner = await cluster.CreateUserAsync();
        var (g1, g2, g3) = await ThreeGiversAsync();
        var first = await RegisterAsync(owner, language);
        var second = await RegisterAsync(owner, language);
        await FlattrAsync(first, g1, g2);
        cluster.Clock.Advance(TimeSpan.FromHours(1));
        await FlattrAsync(second, g1);
        await Eventually.TrueAsync(async () => (await BoardAsync(language)).SequenceEqual([first, second]), "the board has the clicks");
        var before = await cluster.Grains.GetTrending().Top(null, language, 10);

        var trending = cluster.Grains.GetTrending();
        var here = await cluster.WhereIsAsync(trending);
        var elsewhere = cluster.Silos.First(s => !s.SiloAddress.Equals(here));
        await cluster.PlaceAsync(trending, elsewhere);
        var after = await trending.Top(null, language, 10);

        Assert.Equal(before.Select(t => t.ThingId), after.Select(t => t.ThingId));
        Assert.Equal(before.Select(t => t.Heat), after.Select(t => t.Heat), new HeatComparer());

        // The thing grains announce clicks committed before and after the new activation read the database: none counts twice.
        await FlattrAsync(second, g2, g3);
        await Eventually.TrueAsync(async () => (await BoardAsync(language)).SequenceEqual([second, first]), "the later clicks reached the board");
        var board = await trending.Top(null, language, 10);
        Assert.Equal(3, board[0].MonthClicks);
        Assert.Equal(await ApiTrendAsync(language), board.Select(t => t.ThingId));
        var now = cluster.Clock.GetUtcNow();
        Assert.Equal(
            [TrendingHeat.Of(now) + Math.Log(3), TrendingHeat.Of(now) + Math.Log(2 * Math.Pow(2, -1.0 / 12))],
            board.Select(t => t.Heat),
            new HeatComparer());
    }

    async Task<long> RegisterAsync(long owner, string language)
    {
        var thing = await cluster.Grains.GetThingRegistry().Register(owner, new ThingSubmission(
            $"https://example.org/{cluster.Unique("trend")}", "Trending " + language, Category: ThingCategories.Text, Language: language));
        return thing.Id;
    }

    async Task<List<long>> GiversAsync(int count)
    {
        var givers = new List<long>();
        for (var i = 0; i < count; i++)
        {
            givers.Add(await cluster.CreateGiverAsync());
        }

        return givers;
    }

    async Task<(long, long, long)> ThreeGiversAsync()
    {
        var givers = await GiversAsync(3);
        return (givers[0], givers[1], givers[2]);
    }

    async Task FlattrAsync(long thing, params long[] givers)
    {
        foreach (var giver in givers)
        {
            await cluster.Grains.GetWallet(giver, Month.Current(cluster.Clock)).Flattr(thing, anonymous: false);
        }
    }

    async Task<IEnumerable<long>> BoardAsync(string language) =>
        (await cluster.Grains.GetTrending().Top(null, language, 10)).Select(t => t.ThingId);

    async Task<IEnumerable<long>> ApiTrendAsync(string language)
    {
        var page = await cluster.Grains.GetGrain<IThingSearchGrain>(Singletons.Key)
            .Search(new ThingSearch(Languages: [language], Sort: ThingSearchSort.Trend, Count: 10));
        return page.Things.Select(t => t.Info.Id);
    }

    /// <summary>Heats as the board ranks them: equal at <see cref="TrendingHeat.Decimals"/> decimals.</summary>
    sealed class HeatComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => TrendingHeat.Rank(x) == TrendingHeat.Rank(y);

        public int GetHashCode(double obj) => TrendingHeat.Rank(obj).GetHashCode();
    }
}
