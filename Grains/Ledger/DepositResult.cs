namespace Flattr.Ledger;

/// <summary>
/// A recorded deposit: the giver is credited <see cref="CreditedCents"/> (amount minus fee).
/// <see cref="IsNew"/> is false when this was a retry of a deposit already recorded (nothing moved again).
/// </summary>
public sealed record DepositResult(
    long DepositId,
    long TransactionId,
    string Provider,
    string ProviderKey,
    long UserId,
    long AmountCents,
    long FeeCents,
    DateTimeOffset CreatedAt,
    bool IsNew)
{
    public long CreditedCents => AmountCents - FeeCents;
}
