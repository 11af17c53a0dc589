using System.Collections.Immutable;
using Flattr.Ledger;
using Orleans;

namespace Flattr.Payouts;

/// <summary>
/// A user's payouts. Non-reentrant: one payout request of a user at a time, so two requests cannot both pass the balance
/// check in memory (the ledger's non-negative balance constraint is the final guard).
/// </summary>
public sealed class PayoutGrain(LedgerStore ledger, PayoutList payouts, TimeProvider time) : Grain, IPayoutGrain
{
    long UserId => this.GetPrimaryKeyLong();

    public async Task<PayoutInfo> Request(long amountCents)
    {
        var payout = await ledger.RequestPayoutAsync(UserId, amountCents, CancellationToken.None);
        await GrainFactory.GetWallet(UserId, Month.Current(time)).RefreshMeans();
        return Info(payout);
    }

    public async Task<PayoutInfo> Complete(long payoutId, bool succeeded)
    {
        var existing = await ledger.GetPayoutAsync(payoutId, CancellationToken.None);
        if (existing.UserId != UserId)
        {
            throw new FlattrException(FlattrErrors.NotFound, $"User {UserId} has no payout {payoutId}.");
        }

        var payout = await ledger.CompletePayoutAsync(payoutId, succeeded,
            succeeded ? null : "The transfer failed.", CancellationToken.None);
        if (!succeeded)
        {
            await GrainFactory.GetWallet(UserId, Month.Current(time)).RefreshMeans();
        }

        return Info(payout);
    }

    public Task<ImmutableArray<PayoutInfo>> List() => payouts.ForUserAsync(UserId, CancellationToken.None);

    static PayoutInfo Info(Payout payout) =>
        new(payout.PayoutId, payout.UserId, payout.AmountCents, payout.Status, payout.RequestedAt, payout.CompletedAt);
}
