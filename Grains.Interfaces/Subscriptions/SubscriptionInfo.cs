using Orleans;

namespace Flattr.Subscriptions;

/// <summary>
/// A giver's one subscription to a thing: it counts as one click in every month from <see cref="StartMonth"/> to
/// <see cref="LastMonth"/> (null = until cancelled) while it runs, never twice in a month the giver also clicked.
/// <see cref="StartedAt"/> is when it last started or resumed (Flattr's <c>started_at</c>), <see cref="PausedAt"/> since when
/// it is paused.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.SubscriptionInfo")]
public sealed record SubscriptionInfo(
    long Id,
    long GiverId,
    long ThingId,
    string ThingTitle,
    SubscriptionTerm Term,
    Month StartMonth,
    Month? LastMonth,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CancelledAt,
    SubscriptionState State,
    DateTimeOffset StartedAt,
    DateTimeOffset? PausedAt)
{
    /// <summary>Running: neither paused nor ended (Flattr's <c>active</c>).</summary>
    public bool Active => State == SubscriptionState.Running;
}
