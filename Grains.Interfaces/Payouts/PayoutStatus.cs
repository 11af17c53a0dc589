using Orleans;

namespace Flattr.Payouts;

[GenerateSerializer, Alias("Flattr.PayoutStatus")]
public enum PayoutStatus
{
    Requested,
    Paid,

    /// <summary>The transfer failed; the amount was returned to the balance by a reversing transaction.</summary>
    Failed,
}
