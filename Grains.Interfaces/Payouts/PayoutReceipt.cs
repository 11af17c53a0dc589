using Orleans;

namespace Flattr.Payouts;

/// <summary>A payout provider's confirmation as booked; <see cref="Replayed"/> when the payout already had that outcome (nothing changed).</summary>
[GenerateSerializer, Immutable, Alias("Flattr.PayoutReceipt")]
public sealed record PayoutReceipt(PayoutInfo Payout, bool Replayed);
