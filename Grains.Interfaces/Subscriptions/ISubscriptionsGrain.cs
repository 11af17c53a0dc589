using System.Collections.Immutable;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Subscriptions;

/// <summary>
/// A giver's subscriptions (key = giver id). Subscribing clicks the thing for the current month at once (unless already
/// clicked), so it follows the click rules: <c>thing_owner</c> for one's own thing, <c>subscribed</c> when a subscription to
/// the thing is already running, plus <c>not_found</c>, <c>thing_inactive</c>, <c>no_means</c>.
/// </summary>
[Alias("Flattr.ISubscriptionsGrain")]
public interface ISubscriptionsGrain : IGrainWithIntegerKey
{
    Task<SubscriptionInfo> Subscribe(long thingId, SubscriptionTerm term);

    /// <summary>Ends the running subscription to the thing from the next month (this month's click stays): <c>not_found</c> if none.</summary>
    Task<SubscriptionInfo> Cancel(long thingId);

    /// <summary>All of the giver's subscriptions, running ones first.</summary>
    [ReadOnly]
    Task<ImmutableArray<SubscriptionInfo>> List();
}
