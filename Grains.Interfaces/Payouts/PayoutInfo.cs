using Orleans;

namespace Flattr.Payouts;

[GenerateSerializer, Immutable, Alias("Flattr.PayoutInfo")]
public sealed record PayoutInfo(long Id, long UserId, long AmountCents, PayoutStatus Status, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt);
