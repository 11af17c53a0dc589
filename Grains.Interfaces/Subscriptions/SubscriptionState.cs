using Orleans;

namespace Flattr.Subscriptions;

/// <summary>
/// Where a giver's one subscription to a thing stands. <see cref="Running"/>: it counts as a click every month;
/// <see cref="Paused"/>: the month it was paused in still counts, later ones do not until it is resumed; <see cref="Ended"/>:
/// cancelled or its term is over (no longer listed; subscribing again starts it afresh).
/// </summary>
[GenerateSerializer, Alias("Flattr.SubscriptionState")]
public enum SubscriptionState
{
    Running = 0,
    Paused = 1,
    Ended = 2,
}
