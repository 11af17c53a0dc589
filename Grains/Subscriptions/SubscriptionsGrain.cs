using System.Collections.Immutable;
using Flattr.Things;
using Flattr.Wallets;
using Orleans;

namespace Flattr.Subscriptions;

/// <summary>
/// A giver's subscriptions. Checks the rules with Flattr's codes (<c>thing_owner</c>, <c>subscribed</c>, <c>no_means</c>), then
/// has the current month's wallet write the subscription and its click. Non-reentrant: one change at a time per giver.
/// </summary>
public sealed class SubscriptionsGrain(SubscriptionStore subscriptions, WalletStore wallets, ThingStore things, TimeProvider time)
    : Grain, ISubscriptionsGrain
{
    long GiverId => this.GetPrimaryKeyLong();

    public async Task<SubscriptionInfo> Subscribe(long thingId, SubscriptionTerm term)
    {
        if (!Enum.IsDefined(term))
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "A subscription runs 3, 6 or 12 months, or until cancelled.");
        }

        var month = Month.Current(time);
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

        if ((await ListCoreAsync(month)).Any(s => s.Active && s.ThingId == thingId))
        {
            throw new FlattrException(FlattrErrors.Subscribed, $"You already subscribe to thing {thingId}.");
        }

        if (means.BudgetCents <= 0 || means.BalanceCents <= 0)
        {
            throw new FlattrException(FlattrErrors.NoMeans, "A subscription needs a budget and a balance, like a click.");
        }

        return await GrainFactory.GetWallet(GiverId, month).Subscribe(thingId, term);
    }

    public async Task<SubscriptionInfo> Cancel(long thingId)
    {
        var month = Month.Current(time);
        var running = (await ListCoreAsync(month)).FirstOrDefault(s => s.Active && s.ThingId == thingId)
            ?? throw new FlattrException(FlattrErrors.NotFound, $"You have no running subscription to thing {thingId}.");
        var cancelled = await subscriptions.CancelAsync(GiverId, running.Id, CancellationToken.None);
        return SubscriptionMapping.ToInfo(cancelled, running.ThingTitle, month);
    }

    public async Task<ImmutableArray<SubscriptionInfo>> List()
    {
        var all = await ListCoreAsync(Month.Current(time));
        return [.. all.OrderByDescending(s => s.Active).ThenByDescending(s => s.Id)];
    }

    async Task<ImmutableArray<SubscriptionInfo>> ListCoreAsync(Month current)
    {
        var stored = await subscriptions.ListForGiverAsync(GiverId, CancellationToken.None);
        var titles = (await things.GetManyAsync(stored.Select(s => s.ThingId).Distinct().ToArray(), CancellationToken.None))
            .ToDictionary(t => t.Id, t => t.Title);
        return [.. stored.Select(s => SubscriptionMapping.ToInfo(s, titles.GetValueOrDefault(s.ThingId, string.Empty), current))];
    }
}
