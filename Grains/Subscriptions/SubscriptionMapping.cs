namespace Flattr.Subscriptions;

/// <summary>A stored subscription as the grains show it. It counts in month M when M is within its term and it was not
/// cancelled before M began (so cancelling keeps the current month's click and stops the following ones).</summary>
static class SubscriptionMapping
{
    public static SubscriptionInfo ToInfo(Subscription subscription, string thingTitle, Month current)
    {
        var start = subscription.StartMonth;
        Month? last = subscription.Months is { } months ? start.AddMonths(months - 1) : null;
        var active = subscription.CancelledAt is null && (last is null || last >= current);
        return new SubscriptionInfo(
            subscription.SubscriptionId,
            subscription.GiverId,
            subscription.ThingId,
            thingTitle,
            (SubscriptionTerm)(subscription.Months ?? 0),
            start,
            last,
            subscription.CreatedAt,
            subscription.CancelledAt,
            active);
    }
}
