using FsCheck;
using FsCheck.Fluent;
using Flattr.Money;

namespace Flattr.Grains.Tests.Money;

public sealed class ShareSplitterTests
{
    static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(500);

    static Arbitrary<long> Spends => Gen.Choose(0, 1_000_000).Select(x => (long)x).ToArbitrary();

    // Distinct thing ids, in no particular order, 1 to 60 of them.
    static Arbitrary<long[]> ThingIds =>
        Gen.Choose(1, 60).SelectMany(n => Gen.Shuffle(Enumerable.Range(0, 400).Select(i => 1_000L + i * 7).ToArray())
            .Select(all => all.Take(n).ToArray())).ToArbitrary();

    static long[] Amounts(long spend, long[] things) => ShareSplitter.Split(spend, things).Select(s => s.AmountCents).ToArray();

    [Fact]
    public void Five_euros_over_ten_clicks_gives_fifty_cents_each() =>
        Assert.All(Amounts(500, Ids(10)), a => Assert.Equal(50, a));

    [Fact]
    public void Two_euros_over_ten_clicks_gives_twenty_cents_each() =>
        Assert.All(Amounts(200, Ids(10)), a => Assert.Equal(20, a));

    [Fact]
    public void Two_euros_over_twenty_clicks_gives_ten_cents_each() =>
        Assert.All(Amounts(200, Ids(20)), a => Assert.Equal(10, a));

    [Fact]
    public void Two_euros_over_three_clicks_gives_67_67_66_with_the_extra_cents_to_the_lowest_thing_ids()
    {
        var shares = ShareSplitter.Split(200, [30, 10, 20]);
        Assert.Equal([new ThingShare(10, 67), new ThingShare(20, 67), new ThingShare(30, 66)], shares);
    }

    [Fact]
    public void No_things_means_no_shares() => Assert.Empty(ShareSplitter.Split(500, []));

    [Fact]
    public void A_thing_listed_twice_is_rejected() => Assert.Throws<ArgumentException>(() => ShareSplitter.Split(500, [1, 2, 1]));

    [Fact]
    public void A_negative_spend_is_rejected() => Assert.Throws<ArgumentOutOfRangeException>(() => ShareSplitter.Split(-1, [1]));

    [Fact]
    public void Shares_sum_to_the_spend_exactly() =>
        Prop.ForAll(Spends, ThingIds, (spend, things) => Amounts(spend, things).Sum() == spend).Check(Quick);

    [Fact]
    public void Each_share_is_within_one_cent_of_the_exact_share() =>
        // |share - spend/n| < 1  <=>  |share * n - spend| < n, in integers.
        Prop.ForAll(Spends, ThingIds, (spend, things) =>
            Amounts(spend, things).All(a => Math.Abs(a * things.Length - spend) < things.Length)).Check(Quick);

    [Fact]
    public void Shares_are_never_negative() =>
        Prop.ForAll(Spends, ThingIds, (spend, things) => Amounts(spend, things).All(a => a >= 0)).Check(Quick);

    [Fact]
    public void Split_is_deterministic_whatever_the_order_of_the_thing_ids() =>
        Prop.ForAll(Spends, ThingIds, (spend, things) =>
        {
            var reversed = things.Reverse().ToArray();
            var first = ShareSplitter.Split(spend, things);
            return first.SequenceEqual(ShareSplitter.Split(spend, reversed)) && first.SequenceEqual(ShareSplitter.Split(spend, things));
        }).Check(Quick);

    [Fact]
    public void Extra_cents_go_to_the_lowest_thing_ids() =>
        Prop.ForAll(Spends, ThingIds, (spend, things) =>
        {
            var shares = ShareSplitter.Split(spend, things);
            var ordered = shares.Select(s => s.ThingId).SequenceEqual(things.Order());
            var nonIncreasing = shares.Zip(shares.Skip(1)).All(p => p.First.AmountCents >= p.Second.AmountCents);
            return ordered && nonIncreasing;
        }).Check(Quick);

    static long[] Ids(int count) => Enumerable.Range(1, count).Select(i => (long)i).ToArray();
}

internal static class PropertyExtensions
{
    public static void Check(this Property property, Config config) => FsCheck.Check.One(config, property);
}
