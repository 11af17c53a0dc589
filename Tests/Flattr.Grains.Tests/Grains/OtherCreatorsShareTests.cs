namespace Flattr.Grains.Tests.Grains;

/// <summary>
/// A giver's click on one creator's thing changes what their clicks on every other creator are worth (the spend is split over
/// all their clicks): those creators' expected income follows at once, as the durable clicks say.
/// </summary>
public sealed class OtherCreatorsShareTests(FlattrCluster cluster) : IClassFixture<FlattrCluster>
{
    [Fact]
    public async Task A_click_elsewhere_lowers_the_expected_income_of_the_givers_other_creators()
    {
        var creator = await cluster.CreateUserAsync("creator");
        var other = await cluster.CreateUserAsync("creator");
        var mine = await cluster.CreateThingAsync(creator);
        var elsewhere = await cluster.CreateThingAsync(other);
        var giver = await cluster.CreateGiverAsync(budgetCents: 600);
        var month = Month.Current(cluster.Clock);
        var wallet = cluster.Grains.GetWallet(giver, month);

        await wallet.Flattr(mine, anonymous: false);
        Assert.Equal(600, (await cluster.Grains.GetCreator(creator).GetIncome()).ExpectedIncomeCents);

        await wallet.Flattr(elsewhere, anonymous: false);

        // 600 over two clicks: 300 each; the daily figures (from the database) say the same.
        await Flattr.Testing.Eventually.TrueAsync(async () => (await cluster.Grains.GetCreator(creator).GetIncome()).ExpectedIncomeCents == 300, "the creator's income at 300");
        var daily = await cluster.Grains.GetCreator(creator).GetDaily(month);
        Assert.Equal(300, daily.Sum(d => d.ExpectedIncomeCents));
        Assert.Equal(300, (await cluster.Grains.GetCreator(other).GetIncome()).ExpectedIncomeCents);

        await wallet.Withdraw(elsewhere);

        await Flattr.Testing.Eventually.TrueAsync(async () => (await cluster.Grains.GetCreator(creator).GetIncome()).ExpectedIncomeCents == 600, "the creator's income back at 600");
    }
}
