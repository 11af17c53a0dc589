namespace Flattr.Subscriptions;

/// <summary>A stored subscription as the grains show it, in the current month.</summary>
static class SubscriptionMapping
{
    public static SubscriptionInfo ToInfo(Subscription subscription, string thingTitle, Month current) => new(
        subscription.SubscriptionId,
        subscription.GiverId,
        subscription.ThingId,
        thingTitle,
        (SubscriptionTerm)(subscription.Months ?? 0),
        subscription.StartMonth,
        subscription.LastMonth,
        subscription.CreatedAt,
        subscription.CancelledAt,
        subscription.StateIn(current),
        subscription.StartedAt,
        subscription.PausedAt);
}
