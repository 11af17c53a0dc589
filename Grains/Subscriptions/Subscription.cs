using Flattr.Clicks;

namespace Flattr.Subscriptions;

/// <summary>
/// A giver's one subscription to a thing: one click in each month from <see cref="StartMonth"/> for <see cref="Months"/>
/// months (3, 6 or 12), or until cancelled when null. <see cref="StartedAt"/> is when it last started or resumed,
/// <see cref="PausedAt"/> since when it is paused. Which months count is <see cref="SubscriptionSql"/>'s rule.
/// </summary>
public sealed record Subscription(
    long SubscriptionId,
    long GiverId,
    long ThingId,
    Month StartMonth,
    int? Months,
    DateTimeOffset? CancelledAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset StartedAt,
    DateTimeOffset? PausedAt)
{
    /// <summary>The last month of its term; null = until cancelled.</summary>
    public Month? LastMonth => Months is { } months ? StartMonth.AddMonths(months - 1) : null;

    /// <summary>Cancelled, or its term is over by <paramref name="current"/>: it counts no more and is not listed.</summary>
    public bool IsEndedBy(Month current) => CancelledAt is not null || LastMonth < current;

    public SubscriptionState StateIn(Month current) =>
        IsEndedBy(current) ? SubscriptionState.Ended : PausedAt is null ? SubscriptionState.Running : SubscriptionState.Paused;
}

/// <summary>A new subscription and the outcome of its click for the current month.</summary>
public sealed record SubscriptionResult(Subscription Subscription, ClickWriteResult CurrentMonthClick);
