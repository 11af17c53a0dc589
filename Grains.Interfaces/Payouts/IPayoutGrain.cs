using System.Collections.Immutable;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Payouts;

/// <summary>
/// A user's payouts (key = user id). Non-reentrant: one request of a user at a time; the database row lock on the user's
/// account makes the balance check and the debit atomic across silos too.
/// </summary>
[Alias("Flattr.IPayoutGrain")]
public interface IPayoutGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Pays out <paramref name="amountCents"/> (null: all that is available) to the payout account: refused without an account
    /// or with an amount that is not a positive number of cents at or above the minimum (<c>invalid_parameters</c>), above what is
    /// available (<c>no_means</c>), and while a month is settling (<c>conflict</c>, saying when to retry).
    /// </summary>
    Task<PayoutInfo> Request(long? amountCents);

    /// <summary>The provider's answer: paid, or failed (the amount returns to the balance by a reversing transaction). Once.</summary>
    Task<PayoutReceipt> Complete(long payoutId, bool succeeded, string? failureReason);

    [ReadOnly]
    Task<ImmutableArray<PayoutInfo>> List();

    [ReadOnly]
    Task<Earnings> GetEarnings();

    [ReadOnly]
    Task<PayoutAccount?> GetAccount();

    /// <summary>Sets where payouts go: an IBAN (ISO 13616: the country's length and the mod-97 checksum) and the holder's name.</summary>
    Task<PayoutAccount> SetAccount(string iban, string holderName);
}
