using Orleans;

namespace Flattr.Subscriptions;

/// <summary>
/// A subscription: it counts as one click in every month from <see cref="StartMonth"/> to <see cref="LastMonth"/>
/// (null = until cancelled), never twice in a month the giver also clicked. <see cref="Active"/> = not cancelled and not run out.
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
    bool Active);
