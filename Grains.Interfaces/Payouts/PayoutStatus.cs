namespace Flattr.Payouts;

public enum PayoutStatus
{
    Requested,
    Paid,

    /// <summary>The transfer failed; the amount was returned to the balance by a reversing transaction.</summary>
    Failed,
}
