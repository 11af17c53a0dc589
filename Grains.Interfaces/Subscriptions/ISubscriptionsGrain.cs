using System.Collections.Immutable;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Subscriptions;

/// <summary>
/// A giver's subscriptions (key = giver id), one per thing, as on Flattr: subscribing starts it, pausing and resuming toggle
/// it, cancelling ends it. Subscribing (and resuming) clicks the thing for the current month at once (unless already clicked),
/// so it follows the click rules: <c>thing_owner</c> for one's own thing, <c>subscribed</c> when a subscription to the thing
/// is already running or paused, plus <c>not_found</c>, <c>thing_inactive</c>, <c>no_means</c>.
/// </summary>
[Alias("Flattr.ISubscriptionsGrain")]
public interface ISubscriptionsGrain : IGrainWithIntegerKey
{
    /// <summary>Starts a subscription to the thing (again, if one had ended).</summary>
    Task<SubscriptionInfo> Subscribe(long thingId, SubscriptionTerm term);

    /// <summary>Pauses the running subscription: this month's click stays, later months get none. <c>not_found</c> if none runs.</summary>
    Task<SubscriptionInfo> Pause(long thingId);

    /// <summary>Resumes the paused subscription, clicking the thing this month. <c>not_found</c> if none is paused.</summary>
    Task<SubscriptionInfo> Resume(long thingId);

    /// <summary>Flattr's <c>PUT</c>: pauses the subscription if it runs, resumes it if paused; <c>not_found</c> without one.</summary>
    Task<SubscriptionInfo> Toggle(long thingId);

    /// <summary>Ends the subscription, running or paused, from the next month (this month's click stays): <c>not_found</c> if none.</summary>
    Task<SubscriptionInfo> Cancel(long thingId);

    /// <summary>The giver's subscriptions, one per thing, running ones first, then paused ones (ended ones are not listed).</summary>
    [ReadOnly]
    Task<ImmutableArray<SubscriptionInfo>> List();
}
