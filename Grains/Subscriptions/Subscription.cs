using Flattr.Clicks;

namespace Flattr.Subscriptions;

/// <summary>
/// A giver's standing flattr of a thing: one click in each month from <see cref="StartMonth"/> for
/// <see cref="Months"/> months (3, 6 or 12), or until cancelled when null. A month counts if the
/// subscription had not been cancelled before it began.
/// </summary>
public sealed record Subscription(
    long SubscriptionId,
    long GiverId,
    long ThingId,
    Month StartMonth,
    int? Months,
    DateTimeOffset? CancelledAt,
    DateTimeOffset CreatedAt);

/// <summary>A new subscription and the outcome of its click for the current month.</summary>
public sealed record SubscriptionResult(Subscription Subscription, ClickWriteResult CurrentMonthClick);
