using System.Text.Json;
using Flattr.Ledger;
using Flattr.Payments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Flattr.Payouts;

/// <summary>
/// The sandbox payout provider's confirmations, signed and verified exactly like its deposit webhooks (<see cref="SandboxSignature"/>,
/// the same key and header, a recent timestamp). The payout's own grain books the outcome once: a replay finds the payout
/// already paid (or failed) and changes nothing, and the reversal of a failure has a unique ledger key. Holds no state.
/// </summary>
[StatelessWorker]
public sealed partial class SandboxPayoutGrain(
    LedgerStore ledger,
    IOptions<SandboxPaymentOptions> options,
    SandboxSecret secret,
    TimeProvider time,
    ILogger<SandboxPayoutGrain> logger) : Grain, IPayoutProviderGrain
{
    public async Task<PayoutReceipt> ReceiveWebhook(SignedWebhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        RequireSandbox();
        var body = webhook.Body ?? string.Empty;
        if (SandboxSignature.Verify(secret.Key, webhook.Signature, body, time.GetUtcNow(), options.Value.TimestampTolerance) is { } problem)
        {
            WebhookRefused(logger, problem);
            throw new FlattrException(FlattrErrors.Unauthorized, "The webhook signature does not verify: " + problem + ".");
        }

        var confirmation = Parse(body);
        var payout = await ledger.GetPayoutAsync(confirmation.PayoutId, CancellationToken.None);
        if (payout.AmountCents != confirmation.AmountCents || confirmation.Currency != "EUR")
        {
            throw new FlattrException(FlattrErrors.InvalidParameters,
                $"Payout {payout.PayoutId} is {payout.AmountCents} EUR cents, not {confirmation.AmountCents} {confirmation.Currency} cents.");
        }

        return await GrainFactory.GetPayouts(payout.UserId)
            .Complete(payout.PayoutId, confirmation.Type == SandboxPayoutEvent.PayoutPaid, confirmation.FailureReason);
    }

    public async Task<SignedWebhook> CreateSandboxConfirmation(long payoutId, bool paid)
    {
        RequireSandbox();
        var payout = await ledger.GetPayoutAsync(payoutId, CancellationToken.None);
        var now = time.GetUtcNow();
        var confirmation = new SandboxPayoutEvent(
            "evt_" + Guid.NewGuid().ToString("N"),
            paid ? SandboxPayoutEvent.PayoutPaid : SandboxPayoutEvent.PayoutFailed,
            payout.PayoutId,
            payout.AmountCents,
            "EUR",
            now.ToUnixTimeSeconds(),
            paid ? null : "The sandbox bank refused the transfer.");
        var body = JsonSerializer.Serialize(confirmation, SandboxPayoutJson.Default.SandboxPayoutEvent);
        return new SignedWebhook(body, SandboxSignature.Sign(secret.Key, now, body));
    }

    static SandboxPayoutEvent Parse(string body)
    {
        SandboxPayoutEvent? confirmation;
        try
        {
            confirmation = JsonSerializer.Deserialize(body, SandboxPayoutJson.Default.SandboxPayoutEvent);
        }
        catch (JsonException e)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "The webhook body is not a sandbox payout event: " + e.Message, e);
        }

        if (confirmation is null || confirmation.Type is not (SandboxPayoutEvent.PayoutPaid or SandboxPayoutEvent.PayoutFailed))
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "The webhook event is not a payout paid or failed.");
        }

        if (confirmation.FailureReason is { Length: > 500 })
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "A payout failure reason is at most 500 characters.");
        }

        return confirmation;
    }

    void RequireSandbox()
    {
        if (this.GetPrimaryKeyString() != IPaymentGrain.Sandbox)
        {
            throw new FlattrException(FlattrErrors.NotFound, $"There is no payout provider '{this.GetPrimaryKeyString()}'.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sandbox payout webhook was refused: {Problem}")]
    static partial void WebhookRefused(ILogger logger, string problem);
}
