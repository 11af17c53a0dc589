using Flattr.Payouts;

namespace Flattr.Grains.Tests.Grains;

/// <summary>A creator earns, the month is settled, and the creator takes the money out through the payout grain.</summary>
public sealed class CreatorPayoutTests(FlattrCluster cluster) : IClassFixture<FlattrCluster>
{
    const string Iban = "DE89 3704 0044 0532 0130 00";

    /// <summary>A creator with a payout account whose thing one giver flattred with <paramref name="budgetCents"/> this month, settled.</summary>
    async Task<long> CreatorWithSettledIncomeAsync(long budgetCents)
    {
        var month = Month.Current(cluster.Clock);
        var creator = await cluster.CreateUserAsync("creator");
        var thing = await cluster.CreateThingAsync(creator);
        var giver = await cluster.CreateGiverAsync(budgetCents, depositCents: budgetCents * 2);
        await cluster.Grains.GetWallet(giver, month).Flattr(thing, anonymous: false);
        cluster.Clock.SetUtcNow(month.End + TimeSpan.FromHours(1));
        await cluster.Grains.GetSettlement(month).Run();
        await cluster.Grains.GetPayouts(creator).SetAccount(Iban, "Ada Creator");
        return creator;
    }

    [Fact]
    public async Task A_creator_earns_in_a_month_it_is_settled_the_creator_is_paid_out_and_the_ledger_audit_is_ok()
    {
        var creator = await CreatorWithSettledIncomeAsync(2_500);
        var payouts = cluster.Grains.GetPayouts(creator);
        var before = await payouts.GetEarnings();

        var payout = await payouts.Request(null);
        var webhooks = cluster.Grains.GetSandboxPayouts();
        var paid = await webhooks.ReceiveWebhook(await webhooks.CreateSandboxConfirmation(payout.Id, paid: true));
        var after = await payouts.GetEarnings();

        Assert.Equal((2_500L, 2_500L), (before.AvailableCents, before.BalanceCents));
        var month = Assert.Single(before.Months);
        Assert.Equal(2_500, Assert.Single(month.Lines).AmountCents);
        Assert.Equal((2_500L, PayoutStatus.Sent, "DE•• •••• 3000"), (payout.AmountCents, payout.Status, payout.MaskedIban));
        Assert.Equal((PayoutStatus.Paid, false), (paid.Payout.Status, paid.Replayed));
        Assert.Equal((0L, 0L), (after.AvailableCents, after.BalanceCents));
        Assert.Equal(PayoutStatus.Paid, Assert.Single(after.Payouts).Status);
        Assert.Equal("DE•• •••• 3000", after.Account?.MaskedIban);
        await cluster.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_failed_payout_returns_the_money_to_the_balance_with_a_reversing_transaction()
    {
        var creator = await CreatorWithSettledIncomeAsync(1_500);
        var payouts = cluster.Grains.GetPayouts(creator);

        var payout = await payouts.Request(1_200);
        var webhooks = cluster.Grains.GetSandboxPayouts();
        var failed = await webhooks.ReceiveWebhook(await webhooks.CreateSandboxConfirmation(payout.Id, paid: false));
        var earnings = await payouts.GetEarnings();

        Assert.Equal(PayoutStatus.Failed, failed.Payout.Status);
        Assert.NotNull(failed.Payout.FailureReason);
        Assert.Equal((1_500L, 1_500L), (earnings.AvailableCents, earnings.BalanceCents));
        Assert.Equal(1L, await cluster.ScalarAsync(
            "SELECT count(*) FROM ledger_transactions WHERE kind = 'payout_reversal' AND idempotency_key = $1", $"payout:{payout.Id}:reversal"));
        await cluster.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Two_concurrent_requests_for_the_whole_balance_give_one_payout_and_one_refusal()
    {
        var creator = await CreatorWithSettledIncomeAsync(2_000);
        var payouts = cluster.Grains.GetPayouts(creator);

        var outcomes = await Task.WhenAll(Attempt(() => payouts.Request(null)), Attempt(() => payouts.Request(2_000)));

        Assert.Single(outcomes, o => o.Payout is { AmountCents: 2_000 });
        Assert.Single(outcomes, o => o.Error == FlattrErrors.NoMeans);
        Assert.Equal(0, await cluster.Grains.GetUser(creator).GetBalance());
        await cluster.AssertAuditOkAsync();
    }

    [Theory]
    [InlineData(-1_000L, FlattrErrors.InvalidParameters)]
    [InlineData(0L, FlattrErrors.InvalidParameters)]
    [InlineData(999L, FlattrErrors.InvalidParameters)]
    [InlineData(1_801L, FlattrErrors.NoMeans)]
    [InlineData(long.MaxValue, FlattrErrors.NoMeans)]
    public async Task Negative_small_and_over_balance_amounts_are_refused_and_move_nothing(long amountCents, string code)
    {
        var creator = await CreatorWithSettledIncomeAsync(1_800);
        var transactions = await cluster.LedgerTransactionCountAsync();

        var error = await Assert.ThrowsAsync<FlattrException>(() => cluster.Grains.GetPayouts(creator).Request(amountCents));

        Assert.Equal(code, error.Code);
        Assert.Equal(transactions, await cluster.LedgerTransactionCountAsync());
        Assert.Equal(1_800, await cluster.Grains.GetUser(creator).GetBalance());
    }

    [Theory]
    [InlineData("")]
    [InlineData("DE89 3704 0044 0532 0130 01")]
    [InlineData("DE89 3704 0044 0532 0130 0")]
    [InlineData("DE89 3704 0044 0532 0130 000")]
    [InlineData("XX89 3704 0044 0532 0130 00")]
    [InlineData("89DE 3704 0044 0532 0130 00")]
    [InlineData("DE89-3704-0044-0532-0130-0Ä")]
    [InlineData("GB82 WEST 1234 5698 7654 31")]
    public async Task Bad_ibans_are_invalid_parameters_and_leave_the_account_unchanged(string iban)
    {
        var creator = await cluster.CreateUserAsync("creator");
        var payouts = cluster.Grains.GetPayouts(creator);
        await payouts.SetAccount("GB82 WEST 1234 5698 7654 32", "Ada Creator");

        var error = await Assert.ThrowsAsync<FlattrException>(() => payouts.SetAccount(iban, "Someone Else"));

        Assert.Equal(FlattrErrors.InvalidParameters, error.Code);
        var account = await payouts.GetAccount();
        Assert.Equal(("GB•• •••• 5432", "Ada Creator"), (account?.MaskedIban, account?.HolderName));
    }

    [Fact]
    public async Task A_payout_without_a_payout_account_is_refused()
    {
        var creator = await cluster.CreateUserAsync("creator");

        var error = await Assert.ThrowsAsync<FlattrException>(() => cluster.Grains.GetPayouts(creator).Request(null));

        Assert.Equal(FlattrErrors.InvalidParameters, error.Code);
    }

    static async Task<(PayoutInfo? Payout, string? Error)> Attempt(Func<Task<PayoutInfo>> request)
    {
        try
        {
            return (await request(), null);
        }
        catch (FlattrException e)
        {
            return (null, e.Code);
        }
    }
}
