using System.Collections.Immutable;
using Flattr.Ledger;
using Flattr.Money;
using Flattr.Settlement;
using Microsoft.Extensions.Options;

namespace Flattr.Payouts;

/// <summary>
/// A user's payouts and payout account. Non-reentrant: one change of a user's payouts at a time (the database's row lock on
/// the account is what makes a request atomic across silos). The sandbox provider takes a payout at once (sent); its signed
/// webhook later says paid or failed (<see cref="SandboxPayoutGrain"/>).
/// </summary>
public sealed class PayoutGrain(
    LedgerStore ledger,
    PayoutStore store,
    PayoutAccountStore accounts,
    PayoutList payouts,
    EarningsLedger earnings,
    SettlementEngine settlement,
    IOptions<MoneyRules> rules,
    TimeProvider time) : Grain, IPayoutGrain
{
    long UserId => this.GetPrimaryKeyLong();

    public async Task<PayoutInfo> Request(long? amountCents)
    {
        var payout = await store.RequestAsync(UserId, amountCents, time.GetUtcNow(), CancellationToken.None);
        // The sandbox provider accepts every transfer as soon as it is asked; its webhook confirms it later.
        await store.MarkSentAsync(payout.PayoutId, time.GetUtcNow(), CancellationToken.None);
        await GrainFactory.GetWallet(UserId, Month.Current(time)).RefreshMeans();
        return await payouts.FindAsync(UserId, payout.PayoutId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Payout {payout.PayoutId} was recorded and cannot be read back.");
    }

    public async Task<PayoutReceipt> Complete(long payoutId, bool succeeded, string? failureReason)
    {
        var existing = await ledger.GetPayoutAsync(payoutId, CancellationToken.None);
        if (existing.UserId != UserId)
        {
            throw new FlattrException(FlattrErrors.NotFound, $"User {UserId} has no payout {payoutId}.");
        }

        var replayed = existing.Status == (succeeded ? PayoutStatus.Paid : PayoutStatus.Failed);
        await ledger.CompletePayoutAsync(payoutId, succeeded, succeeded ? null : failureReason ?? "The transfer failed.", CancellationToken.None);
        if (!succeeded && !replayed)
        {
            await GrainFactory.GetWallet(UserId, Month.Current(time)).RefreshMeans();
        }

        var info = await payouts.FindAsync(UserId, payoutId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Payout {payoutId} cannot be read back.");
        return new PayoutReceipt(info, replayed);
    }

    public Task<ImmutableArray<PayoutInfo>> List() => payouts.ForUserAsync(UserId, CancellationToken.None);

    public async Task<Earnings> GetEarnings()
    {
        var now = time.GetUtcNow();
        var (figures, settling) = await store.ReadFiguresAsync(UserId, Month.Of(now), CancellationToken.None);
        TimeSpan? retryAfter = settling is { } month
            ? SettlementWait.Estimate(await settlement.GetProgressAsync(month, CancellationToken.None), now)
            : null;
        var income = await GrainFactory.GetCreator(UserId).GetIncome();
        var account = await accounts.GetAsync(UserId, CancellationToken.None);
        return new Earnings(
            UserId,
            figures.AvailableCents,
            figures.BalanceCents,
            income.ExpectedIncomeCents,
            rules.Value.MinimumPayoutCents,
            account?.Masked,
            await earnings.SettledMonthsAsync(UserId, CancellationToken.None),
            await payouts.ForUserAsync(UserId, CancellationToken.None),
            settling,
            retryAfter);
    }

    public async Task<PayoutAccount?> GetAccount() => (await accounts.GetAsync(UserId, CancellationToken.None))?.Masked;

    public async Task<PayoutAccount> SetAccount(string iban, string holderName)
    {
        var normalised = Iban.Normalise(iban, out var problem) ?? throw new FlattrException(FlattrErrors.InvalidParameters, problem);
        var holder = (holderName ?? string.Empty).Trim();
        if (holder.Length is 0 or > 140 || holder.Any(char.IsControl))
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "The account holder's name is 1 to 140 characters.");
        }

        return (await accounts.SetAsync(UserId, normalised, holder, time.GetUtcNow(), CancellationToken.None)).Masked;
    }
}
