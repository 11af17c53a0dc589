using Flattr.Live;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Utilities;

namespace Flattr.Things;

/// <summary>
/// One thing: its info and per-month counts in memory (loaded on activation, then moved only by committed clicks,
/// newest version wins), and its watchers. Non-reentrant: count changes and edits are one at a time; reads are [ReadOnly]
/// on the interface so they interleave with each other.
/// </summary>
public sealed class ThingGrain(ThingStore things, ThingClaimStore claims, TimeProvider time, LiveMirrors mirrors, ILogger<ThingGrain> logger)
    : Grain, IThingGrain
{
    readonly Dictionary<Month, StoredMonthCount> _counts = [];

    // The newest count version per month whose change was announced to the live feed and the watchers (made at the first
    // click: most things in memory are idle, and each activation's bytes count).
    Dictionary<Month, long>? _announced;
    ObserverManager<IThingObserver>? _observers;
    ThingInfo? _info;
    long _total;
    DateTimeOffset? _lastFlattrAt;
    Month _loadedIn;

    long ThingId => this.GetPrimaryKeyLong();

    ObserverManager<IThingObserver> Observers => _observers ??= Watchers.Create<IThingObserver>(time, logger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _info = await things.GetAsync(ThingId, cancellationToken);
        if (_info is not null)
        {
            await LoadCountsAsync(cancellationToken);
            mirrors.Things.Add(ThingId);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        mirrors.Things.Remove(ThingId);
        return Task.CompletedTask;
    }

    public async Task<ThingCounts> Reload()
    {
        var info = await RequireInfoAsync();
        var month = Month.Current(time);
        var before = _counts.GetValueOrDefault(month).Version;
        await LoadCountsAsync(CancellationToken.None);
        var counts = Counts();
        if (_counts.GetValueOrDefault(month).Version > before && _observers is { Count: > 0 } observers)
        {
            // To the watchers only: the live feed (trending) hears of clicks as they happen, and a reload is not one.
            var changed = new ThingCountChanged(info.Id, month, counts.ThisMonth, counts.Total, Withdrawal: false, info.Category, info.Language,
                info.Hidden, counts.LastFlattrAt ?? time.GetUtcNow());
            await observers.Notify(observer => observer.OnCountChanged(changed));
        }

        return counts;
    }

    public async Task<ThingInfo> GetInfo() => await RequireInfoAsync();

    public async Task<ThingCounts> GetCounts()
    {
        await RequireInfoAsync();
        return Counts();
    }

    public async Task<ThingSnapshot> GetSnapshot() => new(await RequireInfoAsync(), Counts());

    public async Task<ClickTarget> GetClickTarget()
    {
        var info = await RequireInfoAsync();
        return new ClickTarget(info.Id, info.OwnerId, info.Status, info.Title, info.Url);
    }

    public async Task<ThingInfo> Update(long actingUserId, ThingUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var info = RequireOwner(await RequireInfoAsync(), actingUserId, "change");
        var changed = info with
        {
            Title = update.Title is null ? info.Title : ThingRules.Title(update.Title),
            Description = update.Description is null ? info.Description : ThingRules.Description(update.Description),
            Category = update.Category is null ? info.Category : ThingRules.Category(update.Category),
            Language = update.Language is null ? info.Language : ThingRules.Language(update.Language),
            Tags = update.Tags is { } tags ? ThingRules.Tags(tags) : info.Tags,
            Hidden = update.Hidden ?? info.Hidden,
        };
        _info = await things.UpdateAsync(changed, CancellationToken.None) ?? throw NotFound();
        return _info;
    }

    public async Task<OwnershipTransfer> TransferOwnership(OwnershipClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var info = await RequireInfoAsync();
        if (info.OwnerId == claim.ClaimantId)
        {
            throw new FlattrException(FlattrErrors.Conflict, $"Thing {info.Id} is already yours.");
        }

        var at = time.GetUtcNow();
        await claims.TransferAsync(info.Id, info.OwnerId, claim, Month.Current(time), at, CancellationToken.None);
        _info = await things.GetAsync(info.Id, CancellationToken.None) ?? throw NotFound();

        // Both creators' estimates and dashboards follow the thing (after this turn: their reconciling reloads this grain).
        GrainFactory.GetCreator(info.OwnerId).Reconcile().Ignore(logger);
        GrainFactory.GetCreator(claim.ClaimantId).Reconcile().Ignore(logger);
        return new OwnershipTransfer(_info, info.OwnerId, info.OwnerUsername, at);
    }

    public async Task Delete(long actingUserId)
    {
        var info = RequireOwner(await RequireInfoAsync(), actingUserId, "delete");
        if (info.Status == ThingStatus.Deleted)
        {
            return;
        }

        _info = await things.MarkDeletedAsync(info.Id, CancellationToken.None) ?? throw NotFound();
    }

    public async Task<FlattrEvent> ApplyCountChange(ThingCountChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.ThingId != ThingId)
        {
            throw new ArgumentException($"A count change for thing {change.ThingId} was sent to thing {ThingId}.", nameof(change));
        }

        var info = await RequireInfoAsync();
        Apply(new StoredMonthCount(change.Month, change.MonthClicks, change.Version));
        if (!change.Withdrawal && (_lastFlattrAt is null || change.At > _lastFlattrAt))
        {
            _lastFlattrAt = change.At;
        }

        var monthClicks = _counts.TryGetValue(change.Month, out var current) ? current.Clicks : 0;
        var flattr = new FlattrEvent(
            change.Withdrawal ? FlattrEventKind.Withdrawal : FlattrEventKind.Flattr,
            info.Id,
            info.Title,
            info.Url,
            change.Month,
            change.Giver,
            change.At,
            monthClicks,
            _total);

        // Live notifications are best effort: they never undo or fail a committed click.
        // Announced once per version, and also when the held count already had this version: a thing activated after the
        // click committed loads that count from the database, and its first click must still reach the feed and watchers.
        _announced ??= [];
        if (!_announced.TryGetValue(change.Month, out var announced) || change.Version > announced)
        {
            _announced[change.Month] = change.Version;
            var changed = new ThingCountChanged(info.Id, change.Month, monthClicks, _total, change.Withdrawal, info.Category, info.Language, info.Hidden, change.At);
            GrainFactory.GetLiveFeed().Publish(changed).Ignore(logger);
            await Observers.Notify(observer => observer.OnCountChanged(changed));
        }

        return flattr;
    }

    public async Task Watch(IThingObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        // A watcher new to this activation (just activated, e.g. on another silo after its own was lost, and the host renews its
        // watch here) gets the counts at once: it may have missed clicks while the grain was moving.
        var info = await RequireInfoAsync();
        var known = Observers.Contains(observer);
        Observers.Subscribe(observer, observer);
        if (!known)
        {
            var counts = Counts();
            _ = observer.OnCountChanged(new ThingCountChanged(info.Id, counts.Month, counts.ThisMonth, counts.Total, Withdrawal: false, info.Category,
                info.Language, info.Hidden, counts.LastFlattrAt ?? time.GetUtcNow()));
        }
    }

    public Task Unwatch(IThingObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>Takes the stored count if it is newer than the one held.</summary>
    void Apply(StoredMonthCount count)
    {
        if (_counts.TryGetValue(count.Month, out var held) && held.Version >= count.Version)
        {
            return;
        }

        _counts[count.Month] = count;
        _total += count.Clicks - held.Clicks;
    }

    ThingCounts Counts()
    {
        var month = Month.Current(time);
        return new ThingCounts(ThingId, month, _counts.TryGetValue(month, out var count) ? count.Clicks : 0, _total, _lastFlattrAt);
    }

    async Task LoadCountsAsync(CancellationToken cancellationToken)
    {
        _loadedIn = Month.Current(time);
        var (counts, lastFlattrAt) = await things.CountsAsync(ThingId, cancellationToken);
        foreach (var count in counts)
        {
            Apply(count);
        }

        _lastFlattrAt = lastFlattrAt;
    }

    /// <summary>A thing unknown at activation may have been registered since (ids come from the database): look again.</summary>
    async Task<ThingInfo> RequireInfoAsync()
    {
        if (_info is not null)
        {
            if (_loadedIn != Month.Current(time))
            {
                // A new month began: subscription clicks materialised in bulk moved the database's counts without passing
                // through this grain. Reloading is safe in any turn: versions only move forward.
                await LoadCountsAsync(CancellationToken.None);
            }

            return _info;
        }

        _info = await things.GetAsync(ThingId, CancellationToken.None);
        if (_info is null)
        {
            // Nothing to keep for an id nobody registered: leave now rather than sit in memory until idle collection,
            // so walking through unknown ids (/things/N/button.svg) cannot fill the silo.
            DeactivateOnIdle();
            throw NotFound();
        }

        await LoadCountsAsync(CancellationToken.None);
        return _info;
    }

    static ThingInfo RequireOwner(ThingInfo info, long actingUserId, string verb) =>
        info.OwnerId == actingUserId
            ? info
            : throw new FlattrException(FlattrErrors.Forbidden, $"Only the owner may {verb} thing {info.Id}.");

    FlattrException NotFound() => new(FlattrErrors.NotFound, $"There is no thing {ThingId}.");
}
