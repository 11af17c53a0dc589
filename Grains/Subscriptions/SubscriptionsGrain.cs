using System.Collections.Immutable;
using Flattr.Things;
using Flattr.Wallets;
using Orleans;

namespace Flattr.Subscriptions;

/// <summary>
/// A giver's subscriptions, one per thing. Checks the rules with Flattr's codes (<c>thing_owner</c>, <c>subscribed</c>,
/// <c>no_means</c>), then has the current month's wallet write the subscription (or its resumption) and its click, so the
/// wallet's month and the thing's live count follow. Non-reentrant: one change at a time per giver.
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
        var means = await RequireGiverAsync(month);
        var target = await GrainFactory.GetThing(thingId).GetClickTarget();
        if (target.OwnerId == GiverId)
        {
            throw new FlattrException(FlattrErrors.ThingOwner, "You cannot subscribe to your own thing.");
        }

        if (target.Status != ThingStatus.Active)
        {
            throw new FlattrException(FlattrErrors.ThingInactive, $"Thing {thingId} was deleted.");
        }

        if (await FindAsync(thingId, month) is { State: not SubscriptionState.Ended } existing)
        {
            throw new FlattrException(FlattrErrors.Subscribed, existing.State == SubscriptionState.Paused
                ? $"You already subscribe to thing {thingId} (paused: resume it)."
                : $"You already subscribe to thing {thingId}.");
        }

        RequireMeans(means);
        return await GrainFactory.GetWallet(GiverId, month).Subscribe(thingId, term);
    }

    public async Task<SubscriptionInfo> Pause(long thingId)
    {
        var month = Month.Current(time);
        var running = await FindAsync(thingId, month) is { State: SubscriptionState.Running } found
            ? found
            : throw new FlattrException(FlattrErrors.NotFound, $"You have no running subscription to thing {thingId}.");
        var paused = await subscriptions.PauseAsync(GiverId, thingId, CancellationToken.None);
        return SubscriptionMapping.ToInfo(paused, running.ThingTitle, month);
    }

    public async Task<SubscriptionInfo> Resume(long thingId)
    {
        var month = Month.Current(time);
        var means = await RequireGiverAsync(month);
        var paused = await FindAsync(thingId, month) is { State: SubscriptionState.Paused } found
            ? found
            : throw new FlattrException(FlattrErrors.NotFound, $"You have no paused subscription to thing {thingId}.");
        var target = await GrainFactory.GetThing(thingId).GetClickTarget();
        if (target.Status != ThingStatus.Active)
        {
            throw new FlattrException(FlattrErrors.ThingInactive, $"Thing {thingId} was deleted.");
        }

        RequireMeans(means);

        // The wallet writes the resumption (the store resumes a paused row with its own term) and this month's click.
        return await GrainFactory.GetWallet(GiverId, month).Subscribe(thingId, paused.Term);
    }

    public async Task<SubscriptionInfo> Toggle(long thingId) =>
        (await FindAsync(thingId, Month.Current(time)))?.State switch
        {
            SubscriptionState.Running => await Pause(thingId),
            SubscriptionState.Paused => await Resume(thingId),
            _ => throw new FlattrException(FlattrErrors.NotFound, $"You have no subscription to thing {thingId}."),
        };

    public async Task<SubscriptionInfo> Cancel(long thingId)
    {
        var month = Month.Current(time);
        var live = await FindAsync(thingId, month) is { State: not SubscriptionState.Ended } found
            ? found
            : throw new FlattrException(FlattrErrors.NotFound, $"You have no subscription to thing {thingId}.");
        var cancelled = await subscriptions.CancelAsync(GiverId, live.Id, CancellationToken.None);
        return SubscriptionMapping.ToInfo(cancelled, live.ThingTitle, month);
    }

    public async Task<ImmutableArray<SubscriptionInfo>> List()
    {
        var all = await ListCoreAsync(Month.Current(time));
        return [.. all.Where(s => s.State != SubscriptionState.Ended).OrderBy(s => s.State).ThenByDescending(s => s.StartedAt).ThenByDescending(s => s.Id)];
    }

    async Task<SubscriptionInfo?> FindAsync(long thingId, Month current) =>
        (await ListCoreAsync(current)).SingleOrDefault(s => s.ThingId == thingId);

    async Task<GiverMeans> RequireGiverAsync(Month month)
    {
        var means = await wallets.LoadAsync(GiverId, month, CancellationToken.None);
        return means.Giver is null ? throw new FlattrException(FlattrErrors.NotFound, $"There is no user {GiverId}.") : means;
    }

    static void RequireMeans(GiverMeans means)
    {
        if (means.BudgetCents <= 0 || means.BalanceCents <= 0)
        {
            throw new FlattrException(FlattrErrors.NoMeans, "A subscription needs a budget and a balance, like a click.");
        }
    }

    async Task<ImmutableArray<SubscriptionInfo>> ListCoreAsync(Month current)
    {
        var stored = await subscriptions.ListForGiverAsync(GiverId, CancellationToken.None);
        var titles = (await things.GetManyAsync(stored.Select(s => s.ThingId).Distinct().ToArray(), CancellationToken.None))
            .ToDictionary(t => t.Id, t => t.Title);
        return [.. stored.Select(s => SubscriptionMapping.ToInfo(s, titles.GetValueOrDefault(s.ThingId, string.Empty), current))];
    }
}
