using Orleans;

namespace Flattr.Payments;

/// <summary>
/// A deposit booked in the ledger: <see cref="AmountCents"/> paid, <see cref="FeeCents"/> kept by the platform (10 % rounded
/// down in the giver's favour), <see cref="CreditedCents"/> added to the balance. <see cref="Replayed"/> is true when this
/// payment had already been booked (the replay changed nothing).
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.DepositReceipt")]
public sealed record DepositReceipt(
    string Provider,
    string ProviderPaymentId,
    long UserId,
    long AmountCents,
    long FeeCents,
    long CreditedCents,
    long TransactionId,
    bool Replayed);
