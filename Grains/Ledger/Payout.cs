using Flattr.Payouts;

namespace Flattr.Ledger;

/// <summary>
/// A payout to a user, in cents, as the ledger records it. <see cref="PayoutStatus.Requested"/>: the money left the user's
/// balance (transaction payout:&lt;id&gt;) and awaits the provider; <see cref="PayoutStatus.Sent"/>: the provider took it; <see cref="PayoutStatus.Paid"/>: the provider paid it out;
/// <see cref="PayoutStatus.Failed"/>: the provider failed and the money was returned (transaction payout:&lt;id&gt;:reversal),
/// for the reason in <see cref="FailureReason"/>.
/// </summary>
public sealed record Payout(
    long PayoutId,
    long UserId,
    long AmountCents,
    PayoutStatus Status,
    string? FailureReason,
    DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt)
{
    /// <summary>The <c>payouts.status</c> text.</summary>
    internal static PayoutStatus ParseStatus(string status) => status switch
    {
        "paid" => PayoutStatus.Paid,
        "failed" => PayoutStatus.Failed,
        "sent" => PayoutStatus.Sent,
        _ => PayoutStatus.Requested,
    };
}
