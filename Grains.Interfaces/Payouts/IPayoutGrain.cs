using System.Collections.Immutable;
using Orleans;

namespace Flattr.Payouts;

/// <summary>
/// A user's payouts (key = user id). Requesting takes the amount from the balance at once: at least the configured minimum
/// (<c>invalid_parameters</c>) and at most the balance (<c>insufficient_funds</c>).
/// </summary>
[Alias("Flattr.IPayoutGrain")]
public interface IPayoutGrain : IGrainWithIntegerKey
{
    Task<PayoutInfo> Request(long amountCents);

    /// <summary>Operator: the transfer went through, or failed (then the amount returns to the balance).</summary>
    Task<PayoutInfo> Complete(long payoutId, bool succeeded);

    Task<ImmutableArray<PayoutInfo>> List();
}
