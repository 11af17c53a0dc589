using System.Globalization;
using Flattr.Payments;

namespace Flattr.Grains.Tests.Grains;

public sealed class DepositWebhookTests(FlattrCluster cluster) : IClassFixture<FlattrCluster>
{
    IPaymentGrain Payments => cluster.Grains.GetSandboxPayments();

    [Fact]
    public async Task Ten_euros_deposited_give_nine_euros_balance_and_one_euro_fee()
    {
        var user = await cluster.CreateUserAsync();
        var feesBefore = await FeesAsync();

        var receipt = await Payments.ReceiveWebhook(await Payments.CreateSandboxPayment(user, 1000));

        Assert.Equal((1000L, 100L, 900L, false), (receipt.AmountCents, receipt.FeeCents, receipt.CreditedCents, receipt.Replayed));
        Assert.Equal(900, await cluster.Grains.GetUser(user).GetBalance());
        Assert.Equal(feesBefore + 100, await FeesAsync());
        await cluster.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_replayed_webhook_credits_once()
    {
        var user = await cluster.CreateUserAsync();
        var webhook = await Payments.CreateSandboxPayment(user, 2000);

        var first = await Payments.ReceiveWebhook(webhook);
        var replay = await Payments.ReceiveWebhook(webhook);

        Assert.False(first.Replayed);
        Assert.True(replay.Replayed);
        Assert.Equal(first.TransactionId, replay.TransactionId);
        Assert.Equal(1800, await cluster.Grains.GetUser(user).GetBalance());
        await cluster.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_forged_signature_is_unauthorized_and_credits_nothing()
    {
        var user = await cluster.CreateUserAsync();
        var genuine = await Payments.CreateSandboxPayment(user, 1000);
        var forgedBody = genuine.Body.Replace("\"amount_cents\":1000", "\"amount_cents\":100000", StringComparison.Ordinal);
        var otherKey = SandboxSignature.Sign("not-the-secret"u8.ToArray(), cluster.Clock.GetUtcNow(), genuine.Body);

        await AssertRefused(FlattrErrors.Unauthorized, genuine with { Body = forgedBody });
        await AssertRefused(FlattrErrors.Unauthorized, genuine with { Signature = otherKey });
        await AssertRefused(FlattrErrors.Unauthorized, genuine with { Signature = "" });
        await AssertRefused(FlattrErrors.Unauthorized, genuine with { Signature = "t=1,v1=zz" });
        Assert.Equal(0, await cluster.Grains.GetUser(user).GetBalance());
        await cluster.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_webhook_signed_too_long_ago_is_unauthorized()
    {
        var user = await cluster.CreateUserAsync();
        var body = Body(user, "1000", cluster.Unique("pay_old"));
        var signed = new SignedWebhook(body, Sign(body, cluster.Clock.GetUtcNow() - TimeSpan.FromMinutes(6)));

        await AssertRefused(FlattrErrors.Unauthorized, signed);
        Assert.Equal(0, await cluster.Grains.GetUser(user).GetBalance());
    }

    [Theory]
    [InlineData("1000.5")]
    [InlineData("10.0")]
    [InlineData("-1000")]
    [InlineData("0")]
    [InlineData("799")]
    [InlineData("100000000000")]
    [InlineData("99999999999999999999999")]
    [InlineData("\"1000\"")]
    public async Task Fractional_negative_small_or_huge_amounts_are_invalid_even_when_signed(string amount)
    {
        var user = await cluster.CreateUserAsync();
        var before = await cluster.LedgerTransactionCountAsync();
        var body = Body(user, amount, cluster.Unique("pay_bad"));

        await AssertRefused(FlattrErrors.InvalidParameters, new SignedWebhook(body, Sign(body, cluster.Clock.GetUtcNow())));

        Assert.Equal(before, await cluster.LedgerTransactionCountAsync());
        Assert.Equal(0, await cluster.Grains.GetUser(user).GetBalance());
        await cluster.AssertAuditOkAsync();
    }

    static string Body(long userId, string amount, string paymentId) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"id":"evt_1","type":"payment.succeeded","payment_id":"{{paymentId}}","user_id":{{userId}},"amount_cents":{{amount}},"currency":"EUR","created":1}""");

    static string Sign(string body, DateTimeOffset at) => SandboxSignature.Sign(System.Text.Encoding.UTF8.GetBytes(FlattrCluster.WebhookSecret), at, body);

    Task<long> FeesAsync() => cluster.ScalarAsync("SELECT balance_cents FROM accounts WHERE kind = 'fees'");

    async Task AssertRefused(string code, SignedWebhook webhook)
    {
        var error = await Assert.ThrowsAsync<FlattrException>(() => Payments.ReceiveWebhook(webhook));
        Assert.Equal(code, error.Code);
    }
}
