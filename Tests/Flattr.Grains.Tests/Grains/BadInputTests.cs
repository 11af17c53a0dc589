using Flattr.Things;

namespace Flattr.Grains.Tests.Grains;

public sealed class BadInputTests(FlattrCluster cluster) : IClassFixture<FlattrCluster>
{
    [Theory]
    [InlineData(199)]
    [InlineData(10_001)]
    [InlineData(0)]
    [InlineData(-500)]
    public async Task A_budget_outside_2_to_100_euros_is_invalid_and_changes_nothing(long amountCents)
    {
        var user = await cluster.CreateUserAsync();
        var before = await cluster.LedgerTransactionCountAsync();

        var error = await Assert.ThrowsAsync<FlattrException>(() => cluster.Grains.GetUser(user).SetBudget(amountCents));

        Assert.Equal(FlattrErrors.InvalidParameters, error.Code);
        Assert.Equal(0, await cluster.ScalarAsync("SELECT count(*) FROM budgets WHERE user_id = $1", user));
        Assert.Equal(before, await cluster.LedgerTransactionCountAsync());
        await cluster.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_budget_change_applies_from_the_next_month_except_the_first()
    {
        var user = cluster.Grains.GetUser(await cluster.CreateUserAsync());
        var first = await user.SetBudget(200);
        var second = await user.SetBudget(10_000);

        Assert.True(first.AppliesThisMonth);
        Assert.False(second.AppliesThisMonth);
        Assert.Equal(Month.Current(cluster.Clock).Next(), second.EffectiveFrom);
        var schedule = await user.GetBudget();
        Assert.Equal(200, schedule.CurrentCents);
        Assert.Equal(10_000, schedule.NextMonthCents);
    }

    [Fact]
    public async Task Unknown_users_and_things_are_not_found_and_change_nothing()
    {
        var before = await cluster.LedgerTransactionCountAsync();
        var giver = await cluster.CreateGiverAsync();

        await AssertCode(FlattrErrors.NotFound, () => cluster.Grains.GetUser(424_242_424).SetBudget(500));
        await AssertCode(FlattrErrors.NotFound, () => cluster.Grains.GetWallet(424_242_424, Month.Current(cluster.Clock)).Flattr(1, anonymous: false));
        await AssertCode(FlattrErrors.NotFound, () => cluster.Grains.GetThing(424_242_424).GetInfo());
        await AssertCode(FlattrErrors.NotFound, () => cluster.Grains.GetThingRegistry().Register(424_242_424,
            new ThingSubmission("https://example.org/orphan", "An orphan thing")));
        await AssertCode(FlattrErrors.NotFound, async () =>
            await cluster.Grains.GetSandboxPayments().ReceiveWebhook(await cluster.Grains.GetSandboxPayments().CreateSandboxPayment(424_242_424, 1000)));

        Assert.Equal(before + 1, await cluster.LedgerTransactionCountAsync());
        Assert.Equal(0, await cluster.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1", giver));
        await cluster.AssertAuditOkAsync();
    }

    [Theory]
    [InlineData("ftp://example.org/x", "A fine title", ThingCategories.Text, "en_GB")]
    [InlineData("https://example.org/x", "Tiny", ThingCategories.Text, "en_GB")]
    [InlineData("https://example.org/x", "A fine title", "comics", "en_GB")]
    [InlineData("https://example.org/x", "A fine title", ThingCategories.Text, "EN")]
    public async Task Invalid_thing_fields_are_invalid_parameters(string url, string title, string category, string language)
    {
        var owner = await cluster.CreateUserAsync();
        await AssertCode(FlattrErrors.InvalidParameters, () =>
            cluster.Grains.GetThingRegistry().Register(owner, new ThingSubmission(url, title, "", category, language)));
    }

    [Fact]
    public async Task A_wallet_key_that_is_not_a_month_is_invalid_parameters()
    {
        var giver = await cluster.CreateGiverAsync();
        await AssertCode(FlattrErrors.InvalidParameters, () =>
            cluster.Grains.GetGrain<Flattr.Wallets.IWalletGrain>(giver, "2026-13").Flattr(1, anonymous: false));
    }

    static async Task AssertCode(string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<FlattrException>(call);
        Assert.Equal(code, error.Code);
    }
}
