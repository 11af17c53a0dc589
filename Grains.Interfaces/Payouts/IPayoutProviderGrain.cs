using Flattr.Payments;
using Orleans;

namespace Flattr.Payouts;

/// <summary>
/// A payout provider's confirmations (key = provider; only <see cref="IPaymentGrain.Sandbox"/>). A confirmation is booked only
/// from a webhook whose signature and timestamp verify (<c>unauthorized</c> otherwise; the deposits' signing), once per payout:
/// a replay changes nothing.
/// </summary>
[Alias("Flattr.IPayoutProviderGrain")]
public interface IPayoutProviderGrain : IGrainWithStringKey
{
    Task<PayoutReceipt> ReceiveWebhook(SignedWebhook webhook);

    /// <summary>Sandbox only: the signed "payout paid" (or failed) webhook the provider would send. Books nothing by itself.</summary>
    Task<SignedWebhook> CreateSandboxConfirmation(long payoutId, bool paid);
}
