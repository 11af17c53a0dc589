using Orleans;

namespace Flattr.Payouts;

/// <summary>Where a payout is: requested (the money left the balance) → sent (the provider took it) → paid or failed.</summary>
[GenerateSerializer, Alias("Flattr.PayoutStatus")]
public enum PayoutStatus
{
    Requested,
    Paid,

    /// <summary>The transfer failed; the amount was returned to the balance by a reversing transaction.</summary>
    Failed,

    /// <summary>The payout provider accepted the transfer and has not confirmed it yet.</summary>
    Sent,
}
