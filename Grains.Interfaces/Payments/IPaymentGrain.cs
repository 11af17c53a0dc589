using Orleans;

namespace Flattr.Payments;

/// <summary>
/// Deposits from a payment provider (key = provider name; only <see cref="Sandbox"/> exists). A deposit is booked only from
/// a webhook whose signature and timestamp verify (<c>unauthorized</c> otherwise), exactly once per provider payment id.
/// Amounts must be whole cents within the configured range (<c>invalid_parameters</c>); unknown users give <c>not_found</c>.
/// </summary>
[Alias("Flattr.IPaymentGrain")]
public interface IPaymentGrain : IGrainWithStringKey
{
    /// <summary>The sandbox provider: no real money moves. It signs with a secret from configuration.</summary>
    public const string Sandbox = "sandbox";

    /// <summary>Verifies and books one webhook delivery.</summary>
    Task<DepositReceipt> ReceiveWebhook(SignedWebhook webhook);

    /// <summary>Sandbox only (development top-up): a signed "payment succeeded" webhook for the user, to be posted to the
    /// webhook endpoint like the provider would. Books nothing by itself.</summary>
    Task<SignedWebhook> CreateSandboxPayment(long userId, long amountCents);
}
