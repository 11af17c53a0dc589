using Orleans;

namespace Flattr.Subscriptions;

/// <summary>How long a subscription runs; the value is the number of months (0 = until cancelled).</summary>
[GenerateSerializer, Alias("Flattr.SubscriptionTerm")]
public enum SubscriptionTerm
{
    UntilCancelled = 0,
    ThreeMonths = 3,
    SixMonths = 6,
    TwelveMonths = 12,
}
