using Silo.Concurrency;

namespace Flattr.Payouts;

[Immutable]
public sealed record PayoutInfo(long Id, long UserId, long AmountCents, PayoutStatus Status, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt);
