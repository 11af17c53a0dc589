using Orleans;

namespace Flattr.Payouts;

/// <summary>
/// One payout as its owner sees it: the amount, where it went (<see cref="MaskedIban"/>, e.g. <c>DE•• •••• 3000</c>; the full
/// IBAN never leaves the grains) and its lifecycle; <see cref="FailureReason"/> says why a failed one failed.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.PayoutInfo")]
public sealed record PayoutInfo(
    long Id,
    long UserId,
    long AmountCents,
    PayoutStatus Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt,
    string MaskedIban = "",
    DateTimeOffset? SentAt = null,
    string? FailureReason = null);
