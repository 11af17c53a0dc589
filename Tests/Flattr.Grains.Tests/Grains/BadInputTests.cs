using Flattr.Things;

namespace Flattr.Grains.Tests.Grains;

public sealed class BadInputTests(FlattrSilo silo) : IClassFixture<FlattrSilo>
{
    [Theory]
    [InlineData(199)]
    [InlineData(10_001)]
    [InlineData(0)]
    [InlineData(-500)]
    public async Task A_budget_outside_2_to_100_euros_is_invalid_and_changes_nothing(long amountCents)
    {
        var user = await silo.CreateUserAsync();
        var before = await silo.LedgerTransactionCountAsync();

        var error = await Assert.ThrowsAsync<FlattrException>(() => silo.Grains.GetUser(user).SetBudget(amountCents));

        Assert.Equal(FlattrErrors.InvalidParameters, error.Code);
        Assert.Equal(0, await silo.ScalarAsync("SELECT count(*) FROM budgets WHERE user_id = $1", user));
        Assert.Equal(before, await silo.LedgerTransactionCountAsync());
        await silo.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_budget_change_applies_from_the_next_month_except_the_first()
    {
        var user = silo.Grains.GetUser(await silo.CreateUserAsync());
        var first = await user.SetBudget(200);
        var second = await user.SetBudget(10_000);

        Assert.True(first.AppliesThisMonth);
        Assert.False(second.AppliesThisMonth);
        Assert.Equal(Month.Current(silo.Clock).Next(), second.EffectiveFrom);
        var schedule = await user.GetBudget();
        Assert.Equal(200, schedule.CurrentCents);
        Assert.Equal(10_000, schedule.NextMonthCents);
    }

    [Fact]
    public async Task Unknown_users_and_things_are_not_found_and_change_nothing()
    {
        var before = await silo.LedgerTransactionCountAsync();
        var giver = await silo.CreateGiverAsync();

        await AssertCode(FlattrErrors.NotFound, () => silo.Grains.GetUser(424_242_424).SetBudget(500));
        await AssertCode(FlattrErrors.NotFound, () => silo.Grains.GetWallet(424_242_424, Month.Current(silo.Clock)).Flattr(1, anonymous: false));
        await AssertCode(FlattrErrors.NotFound, () => silo.Grains.GetThing(424_242_424).GetInfo());
        await AssertCode(FlattrErrors.NotFound, () => silo.Grains.GetThingRegistry().Register(424_242_424,
            new ThingSubmission("https://example.org/orphan", "An orphan thing")));
        await AssertCode(FlattrErrors.NotFound, async () =>
            await silo.Grains.GetSandboxPayments().ReceiveWebhook(await silo.Grains.GetSandboxPayments().CreateSandboxPayment(424_242_424, 1000)));

        Assert.Equal(before + 1, await silo.LedgerTransactionCountAsync());
        Assert.Equal(0, await silo.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1", giver));
        await silo.AssertAuditOkAsync();
    }

    [Theory]
    [InlineData("ftp://example.org/x", "A fine title", ThingCategories.Text, "en_GB")]
    [InlineData("https://example.org/x", "Tiny", ThingCategories.Text, "en_GB")]
    [InlineData("https://example.org/x", "A fine title", "comics", "en_GB")]
    [InlineData("https://example.org/x", "A fine title", ThingCategories.Text, "EN")]
    public async Task Invalid_thing_fields_are_invalid_parameters(string url, string title, string category, string language)
    {
        var owner = await silo.CreateUserAsync();
        await AssertCode(FlattrErrors.InvalidParameters, () =>
            silo.Grains.GetThingRegistry().Register(owner, new ThingSubmission(url, title, "", category, language)));
    }

    [Fact]
    public async Task A_wallet_key_that_is_not_a_month_is_invalid_parameters()
    {
        var giver = await silo.CreateGiverAsync();
        await AssertCode(FlattrErrors.InvalidParameters, () =>
            silo.Grains.GetGrain<Flattr.Wallets.IWalletGrain>(giver, "2026-13").Flattr(1, anonymous: false));
    }

    static async Task AssertCode(string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<FlattrException>(call);
        Assert.Equal(code, error.Code);
    }
}
