using System.Collections.Immutable;
using Flattr.Things;
using Flattr.Wallets;
using Silo;

namespace Flattr.Subscriptions;

/// <summary>
/// A giver's subscriptions. Non-reentrant: one change at a time per giver, so two subscribe calls of the same giver cannot
/// both pass the "one running subscription per thing" check.
/// </summary>
public sealed class SubscriptionsGrain(SubscriptionTable subscriptions, WalletStore wallets) : Grain, ISubscriptionsGrain
{
    long GiverId => this.GetPrimaryKeyLong();

    public async Task<SubscriptionInfo> Subscribe(long thingId, SubscriptionTerm term)
    {
        if (!Enum.IsDefined(term))
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "A subscription runs 3, 6 or 12 months, or until cancelled.");
        }

        var month = Month.Current(TimeProvider);
        var means = await wallets.LoadAsync(GiverId, month, CancellationToken.None);
        if (means.Giver is null)
        {
            throw new FlattrException(FlattrErrors.NotFound, $"There is no user {GiverId}.");
        }

        var target = await GrainFactory.GetThing(thingId).GetClickTarget();
        if (target.OwnerId == GiverId)
        {
            throw new FlattrException(FlattrErrors.ThingOwner, "You cannot subscribe to your own thing.");
        }

        if (target.Status != ThingStatus.Active)
        {
            throw new FlattrException(FlattrErrors.ThingInactive, $"Thing {thingId} was deleted.");
        }

        if ((await subscriptions.ForGiverAsync(GiverId, month, CancellationToken.None)).Any(s => s.Active && s.ThingId == thingId))
        {
            throw new FlattrException(FlattrErrors.Subscribed, $"You already subscribe to thing {thingId}.");
        }

        if (means.BudgetCents <= 0 || means.BalanceCents <= 0)
        {
            throw new FlattrException(FlattrErrors.NoMeans, "A subscription needs a budget and a balance, like a click.");
        }

        var wallet = GrainFactory.GetWallet(GiverId, month);
        var subscription = await subscriptions.InsertAsync(GiverId, thingId, month, term, month, CancellationToken.None);

        // This month's click now (none if already clicked: a subscription never counts twice in a month).
        await wallet.AddSubscriptionClick(thingId);
        return subscription;
    }

    public async Task<SubscriptionInfo> Cancel(long thingId)
    {
        var month = Month.Current(TimeProvider);
        var running = (await subscriptions.ForGiverAsync(GiverId, month, CancellationToken.None)).FirstOrDefault(s => s.Active && s.ThingId == thingId)
            ?? throw new FlattrException(FlattrErrors.NotFound, $"You have no running subscription to thing {thingId}.");
        return await subscriptions.CancelAsync(running.Id, TimeProvider.GetUtcNow(), month, CancellationToken.None)
            ?? throw new FlattrException(FlattrErrors.NotFound, $"You have no running subscription to thing {thingId}.");
    }

    public async Task<ImmutableArray<SubscriptionInfo>> List()
    {
        var all = await subscriptions.ForGiverAsync(GiverId, Month.Current(TimeProvider), CancellationToken.None);
        return [.. all.OrderByDescending(s => s.Active).ThenByDescending(s => s.Id)];
    }
}
