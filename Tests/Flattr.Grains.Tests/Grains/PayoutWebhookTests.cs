using System.Globalization;
using System.Text;
using Flattr.Payments;
using Flattr.Payouts;

namespace Flattr.Grains.Tests.Grains;

/// <summary>The sandbox payout provider's signed confirmations: booked once, forged or stale ones refused.</summary>
public sealed class PayoutWebhookTests(FlattrCluster cluster) : IClassFixture<FlattrCluster>
{
    IPayoutProviderGrain Provider => cluster.Grains.GetSandboxPayouts();

    /// <summary>A sent payout of <paramref name="amountCents"/> of settled income (the clock moves a month on).</summary>
    async Task<PayoutInfo> SentPayoutAsync(long amountCents)
    {
        var month = Month.Current(cluster.Clock);
        var creator = await cluster.CreateUserAsync("creator");
        var giver = await cluster.CreateGiverAsync(amountCents, depositCents: amountCents * 2);
        await cluster.Grains.GetWallet(giver, month).Flattr(await cluster.CreateThingAsync(creator), anonymous: false);
        cluster.Clock.SetUtcNow(month.End + TimeSpan.FromHours(1));
        await cluster.Grains.GetSettlement(month).Run();
        await cluster.Grains.GetPayouts(creator).SetAccount("FR14 2004 1010 0505 0001 3M02 606", "Ada Creator");
        return await cluster.Grains.GetPayouts(creator).Request(null);
    }

    [Fact]
    public async Task A_failure_webhook_delivered_ten_times_reverses_the_payout_once()
    {
        var payout = await SentPayoutAsync(1_000);
        var webhook = await Provider.CreateSandboxConfirmation(payout.Id, paid: false);

        var receipts = new List<PayoutReceipt>();
        for (var i = 0; i < 10; i++)
        {
            receipts.Add(await Provider.ReceiveWebhook(webhook));
        }

        Assert.False(receipts[0].Replayed);
        Assert.All(receipts.Skip(1), r => Assert.True(r.Replayed));
        Assert.All(receipts, r => Assert.Equal(PayoutStatus.Failed, r.Payout.Status));
        Assert.Equal(1_000, await cluster.Grains.GetUser(payout.UserId).GetBalance());
        Assert.Equal(1L, await cluster.ScalarAsync("SELECT count(*) FROM ledger_transactions WHERE idempotency_key = $1", $"payout:{payout.Id}:reversal"));
        await cluster.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_paid_webhook_delivered_ten_times_at_once_pays_once_and_a_contradicting_one_is_a_conflict()
    {
        var payout = await SentPayoutAsync(1_100);
        var webhook = await Provider.CreateSandboxConfirmation(payout.Id, paid: true);

        var receipts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Provider.ReceiveWebhook(webhook)));
        var contradiction = await Assert.ThrowsAsync<FlattrException>(
            async () => await Provider.ReceiveWebhook(await Provider.CreateSandboxConfirmation(payout.Id, paid: false)));

        Assert.Single(receipts, r => !r.Replayed);
        Assert.All(receipts, r => Assert.Equal(PayoutStatus.Paid, r.Payout.Status));
        Assert.Equal(FlattrErrors.Conflict, contradiction.Code);
        Assert.Equal(0, await cluster.Grains.GetUser(payout.UserId).GetBalance());
        await cluster.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_forged_signature_or_a_changed_body_is_unauthorized_and_books_nothing()
    {
        var payout = await SentPayoutAsync(1_200);
        var genuine = await Provider.CreateSandboxConfirmation(payout.Id, paid: false);
        var otherKey = SandboxSignature.Sign("not-the-secret"u8.ToArray(), cluster.Clock.GetUtcNow(), genuine.Body);
        var changedBody = genuine.Body.Replace("\"amount_cents\":1200", "\"amount_cents\":1300", StringComparison.Ordinal);

        await AssertRefused(FlattrErrors.Unauthorized, genuine with { Signature = otherKey });
        await AssertRefused(FlattrErrors.Unauthorized, genuine with { Body = changedBody });
        await AssertRefused(FlattrErrors.Unauthorized, genuine with { Signature = "" });
        await AssertRefused(FlattrErrors.Unauthorized, genuine with { Signature = "t=1,v1=zz" });

        Assert.Equal(PayoutStatus.Sent, (await cluster.Grains.GetPayouts(payout.UserId).List()).Single().Status);
        Assert.Equal(0, await cluster.Grains.GetUser(payout.UserId).GetBalance());
        await cluster.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_webhook_signed_too_long_ago_is_refused_and_one_with_another_amount_is_invalid()
    {
        var payout = await SentPayoutAsync(1_300);
        var stale = Body(payout.Id, 1_300);
        var wrongAmount = Body(payout.Id, 1_299);

        await AssertRefused(FlattrErrors.Unauthorized, new SignedWebhook(stale, Sign(stale, cluster.Clock.GetUtcNow() - TimeSpan.FromMinutes(6))));
        await AssertRefused(FlattrErrors.InvalidParameters, new SignedWebhook(wrongAmount, Sign(wrongAmount, cluster.Clock.GetUtcNow())));

        Assert.Equal(PayoutStatus.Sent, (await cluster.Grains.GetPayouts(payout.UserId).List()).Single().Status);
        await cluster.AssertAuditOkAsync();
    }

    static string Body(long payoutId, long amountCents) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"id":"evt_1","type":"payout.failed","payout_id":{{payoutId}},"amount_cents":{{amountCents}},"currency":"EUR","created":1}""");

    static string Sign(string body, DateTimeOffset at) => SandboxSignature.Sign(Encoding.UTF8.GetBytes(FlattrCluster.WebhookSecret), at, body);

    async Task AssertRefused(string code, SignedWebhook webhook)
    {
        var error = await Assert.ThrowsAsync<FlattrException>(() => Provider.ReceiveWebhook(webhook));
        Assert.Equal(code, error.Code);
    }
}
