using System.Globalization;
using System.Text;
using System.Text.Json;
using Flattr.Ledger;
using Flattr.Money;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Payments;

/// <summary>
/// Deposits through the sandbox payment provider (clearly not a real one: it signs its own webhooks). A webhook is booked
/// only when its HMAC-SHA256 signature verifies (constant-time compare) and its timestamp is recent; the ledger books each
/// provider payment id once, so a replayed delivery changes nothing. Holds no state ([StatelessWorker]): the ledger's
/// unique (provider, key) index is what makes deposits exactly-once, so parallel activations are safe.
/// </summary>
[StatelessWorker]
public sealed partial class PaymentGrain(
    LedgerStore ledger,
    IOptions<SandboxPaymentOptions> options,
    IOptions<MoneyRules> rules,
    SandboxSecret secret,
    TimeProvider time,
    ILogger<PaymentGrain> logger) : Grain, IPaymentGrain
{
    public async Task<DepositReceipt> ReceiveWebhook(SignedWebhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        RequireSandbox();
        var body = webhook.Body ?? string.Empty;
        if (SandboxSignature.Verify(secret.Key, webhook.Signature, body, time.GetUtcNow(), options.Value.TimestampTolerance) is { } problem)
        {
            WebhookRefused(logger, problem);
            throw new FlattrException(FlattrErrors.Unauthorized, "The webhook signature does not verify: " + problem + ".");
        }

        var payment = Parse(body);
        var deposit = await ledger.DepositAsync(IPaymentGrain.Sandbox, payment.PaymentId, payment.UserId, payment.AmountCents,
            CancellationToken.None);
        if (deposit.IsNew)
        {
            var provider = new KeyValuePair<string, object?>("provider", IPaymentGrain.Sandbox);
            Flattr.Diagnostics.FlattrInstruments.Deposits.Add(1, provider);
            Flattr.Diagnostics.FlattrInstruments.DepositedCents.Add(deposit.AmountCents, provider);
            // The giver's open wallet caches the balance; a deposit may give it the means to flattr.
            await GrainFactory.GetWallet(deposit.UserId, Month.Current(time)).RefreshMeans();
        }

        return new DepositReceipt(IPaymentGrain.Sandbox, deposit.ProviderKey, deposit.UserId, deposit.AmountCents, deposit.FeeCents,
            deposit.CreditedCents, deposit.TransactionId, Replayed: !deposit.IsNew);
    }

    public Task<SignedWebhook> CreateSandboxPayment(long userId, long amountCents)
    {
        RequireSandbox();
        MoneyValidation.RequireDepositInRange(amountCents, rules.Value);

        var now = time.GetUtcNow();
        var payment = new SandboxPaymentEvent(
            "evt_" + Guid.NewGuid().ToString("N"),
            SandboxPaymentEvent.PaymentSucceeded,
            "pay_" + Guid.NewGuid().ToString("N"),
            userId,
            amountCents,
            "EUR",
            now.ToUnixTimeSeconds());
        var body = JsonSerializer.Serialize(payment, SandboxPaymentJson.Default.SandboxPaymentEvent);
        return Task.FromResult(new SignedWebhook(body, SandboxSignature.Sign(secret.Key, now, body)));
    }

    static SandboxPaymentEvent Parse(string body)
    {
        SandboxPaymentEvent? payment;
        try
        {
            payment = JsonSerializer.Deserialize(body, SandboxPaymentJson.Default.SandboxPaymentEvent);
        }
        catch (JsonException e)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters,
                "The webhook body is not a sandbox payment (amounts are whole cents): " + e.Message, e);
        }

        if (payment is null || string.IsNullOrWhiteSpace(payment.PaymentId) || payment.PaymentId.Length > 200)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "The webhook names no payment.");
        }

        if (payment.Type != SandboxPaymentEvent.PaymentSucceeded)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, $"The webhook event '{payment.Type}' is not a succeeded payment.");
        }

        if (payment.Currency != "EUR")
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, $"Deposits are in EUR, not '{payment.Currency}'.");
        }

        return payment;
    }

    void RequireSandbox()
    {
        if (this.GetPrimaryKeyString() != IPaymentGrain.Sandbox)
        {
            throw new FlattrException(FlattrErrors.NotFound, $"There is no payment provider '{this.GetPrimaryKeyString()}'.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sandbox payment webhook was refused: {Problem}")]
    static partial void WebhookRefused(ILogger logger, string problem);
}
