namespace Flattr.Ledger;

public enum PayoutStatus
{
    /// <summary>The money left the user's balance (transaction payout:&lt;id&gt;) and awaits the provider.</summary>
    Requested,

    /// <summary>The provider paid it out.</summary>
    Paid,

    /// <summary>The provider failed; the money was returned (transaction payout:&lt;id&gt;:reversal).</summary>
    Failed,
}

/// <summary>A payout to a user, in cents.</summary>
public sealed record Payout(
    long PayoutId,
    long UserId,
    long AmountCents,
    PayoutStatus Status,
    string? FailureReason,
    DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt);
