using Flattr.Live;
using Flattr.Web.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace Flattr.Web.Live;

/// <summary>
/// Grains → browsers. For every thing or creator that at least one connection watches, this host holds one observer
/// (<see cref="ThingWatch"/>, <see cref="CreatorWatch"/>) registered with the grain through
/// <see cref="IGrainFactory.CreateObjectReference{TObserverInterface}"/>; grains call it when something happens, it pushes
/// to the SignalR group, coalesced. Subscriptions lapse in the grains after a minute, so <see cref="LiveRenewal"/> renews them;
/// the last connection leaving a group unsubscribes. Nothing here polls.
/// </summary>
public sealed partial class LiveBridge(
    IGrainFactory grains, IHubContext<LiveHub> hub, IOptions<FlattrWebOptions> options, TimeProvider time, ILogger<LiveBridge> logger) : IDisposable
{
    readonly Lock _lock = new();
    readonly Dictionary<long, Watched<ThingWatch>> _things = [];
    readonly Dictionary<long, Watched<CreatorWatch>> _creators = [];
    readonly Dictionary<string, HashSet<string>> _connections = [];
    readonly TimeSpan _interval = TimeSpan.FromSeconds(1.0 / Math.Max(1, options.Value.LiveUpdatesPerSecond));

    /// <summary>Whether a thing id was registered, from SQL through the (stateless) registry: no thing grain is activated to ask.</summary>
    readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = 10_000, Clock = new TimeProviderClock(time) });

    /// <summary>
    /// Groups (things and creators) one connection may watch at once: what the largest page shows. A thing's page watches one
    /// thing and the dashboard one creator (its things' counts come with the creator), but a blog page's buttons share one
    /// connection (<c>button.js</c> lets one frame watch every button on the page), so a blog's front page of 100 posts is the
    /// bound. Only registered things can be watched at all, so a socket can make this host hold at most 100 observers, groups
    /// and grain subscriptions, of real things.
    /// </summary>
    public const int MaximumWatchesPerConnection = 100;

    /// <summary>The things whose counts a dashboard's snapshot carries (its first page of things).</summary>
    const int DashboardThings = 100;

    sealed class Watched<TWatch>(TWatch watch)
    {
        public TWatch Watch { get; } = watch;

        public HashSet<string> Connections { get; } = [];
    }

    public async Task WatchThingAsync(string connectionId, long thingId, CancellationToken cancellationToken)
    {
        if (!await IsRegisteredAsync(thingId))
        {
            throw new HubException("not_found: no such thing.");
        }

        var group = LiveGroups.Thing(thingId);
        var created = Join(_things, thingId, connectionId, group, () =>
        {
            var watch = new ThingWatch(thingId, hub, _interval, time);
            watch.Reference = grains.CreateObjectReference<IThingObserver>(watch);
            return watch;
        });
        await hub.Groups.AddToGroupAsync(connectionId, group, cancellationToken);
        if (created?.Reference is { } reference)
        {
            try
            {
                await grains.GetThing(thingId).Watch(reference);
            }
            catch
            {
                // No such thing (or it could not be reached): hold nothing for it.
                await hub.Groups.RemoveFromGroupAsync(connectionId, LiveGroups.Thing(thingId), CancellationToken.None);
                ThingWatch? released;
                lock (_lock)
                {
                    Forget(connectionId, LiveGroups.Thing(thingId));
                    released = Leave(_things, thingId, connectionId);
                }

                if (released?.Reference is { } unused)
                {
                    grains.DeleteObjectReference<IThingObserver>(unused);
                }

                throw;
            }
        }

        // The current counts to this connection, read after watching: a page that (re)joins is current at once.
        var counts = await grains.GetThing(thingId).GetCounts();
        await hub.Clients.Client(connectionId).SendAsync(LiveMessages.Count, new LiveCount(thingId, counts.ThisMonth, counts.Total), cancellationToken);
    }

    /// <summary>
    /// Asks the registry (one SQL read, no thing grain activated for an unknown id) and keeps the answer: a known thing for ten
    /// minutes, an unknown id for half a minute (a thing registered meanwhile is watchable soon after).
    /// </summary>
    async Task<bool> IsRegisteredAsync(long thingId)
    {
        if (_known.TryGetValue(thingId, out bool registered))
        {
            return registered;
        }

        registered = thingId > 0 && (await grains.GetThingRegistry().GetMany([thingId])).Length > 0;
        _known.Set(thingId, registered,
            new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = registered ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(30) });
        return registered;
    }

    public async Task UnwatchThingAsync(string connectionId, long thingId)
    {
        await hub.Groups.RemoveFromGroupAsync(connectionId, LiveGroups.Thing(thingId));
        ThingWatch? released;
        lock (_lock)
        {
            Forget(connectionId, LiveGroups.Thing(thingId));
            released = Leave(_things, thingId, connectionId);
        }

        await UnsubscribeAsync(released);
    }

    public async Task WatchCreatorAsync(string connectionId, long creatorId, CancellationToken cancellationToken)
    {
        var group = LiveGroups.Creator(creatorId);
        var created = Join(_creators, creatorId, connectionId, group, () =>
        {
            var watch = new CreatorWatch(creatorId, hub, _interval, time, () => ResendCreatorAsync(creatorId));
            watch.Reference = grains.CreateObjectReference<ICreatorObserver>(watch);
            return watch;
        });
        await hub.Groups.AddToGroupAsync(connectionId, group, cancellationToken);
        if (created?.Reference is { } reference)
        {
            await grains.GetCreator(creatorId).Watch(reference);
        }

        // Read after watching, so that nothing falls between the snapshot and the pushes that follow it.
        await hub.Clients.Client(connectionId).SendAsync(LiveMessages.Creator, await CreatorSnapshotAsync(creatorId), cancellationToken);
    }

    /// <summary>A creator's figures and things' counts as the grains hold them now.</summary>
    async Task<LiveCreator> CreatorSnapshotAsync(long creatorId)
    {
        var income = await grains.GetCreator(creatorId).GetIncome();
        var things = await grains.GetThingRegistry().ListByOwner(creatorId, includeHidden: true, 1, DashboardThings);
        return new LiveCreator(creatorId, income.ExpectedIncomeCents, income.ClicksThisMonth, income.Givers,
            [.. things.Things.Select(t => new LiveCount(t.Info.Id, t.Counts.ThisMonth, t.Counts.Total))]);
    }

    /// <summary>After the creator grain reconciled with the database: its figures again to every dashboard of this host.</summary>
    async Task ResendCreatorAsync(long creatorId)
    {
        try
        {
            await hub.Clients.Group(LiveGroups.Creator(creatorId)).SendAsync(LiveMessages.Creator, await CreatorSnapshotAsync(creatorId));
        }
        catch (Exception e) when (e is FlattrException or DatabaseUnavailableException or OrleansException or TimeoutException)
        {
            LogResendFailed(logger, creatorId, e.Message);
        }
    }

    /// <summary>A connection closed: leave every group it joined (SignalR drops the group memberships itself).</summary>
    public async Task ReleaseConnectionAsync(string connectionId)
    {
        List<ThingWatch> things = [];
        List<CreatorWatch> creators = [];
        lock (_lock)
        {
            if (!_connections.Remove(connectionId, out var groups))
            {
                return;
            }

            things.AddRange(LeaveAll(_things, connectionId));
            creators.AddRange(LeaveAll(_creators, connectionId));
        }

        foreach (var thing in things)
        {
            await UnsubscribeAsync(thing);
        }

        foreach (var creator in creators)
        {
            if (creator.Reference is { } reference)
            {
                await Quietly(() => grains.GetCreator(creator.CreatorId).Unwatch(reference));
                grains.DeleteObjectReference<ICreatorObserver>(reference);
            }
        }
    }

    /// <summary>Renews every live subscription (called every ~30 s: grains drop observers not renewed within a minute).</summary>
    public async Task RenewAsync()
    {
        List<ThingWatch> things;
        List<CreatorWatch> creators;
        lock (_lock)
        {
            things = [.. _things.Values.Select(w => w.Watch)];
            creators = [.. _creators.Values.Select(w => w.Watch)];
        }

        foreach (var thing in things)
        {
            if (thing.Reference is { } reference)
            {
                await Quietly(() => grains.GetThing(thing.ThingId).Watch(reference));
            }
        }

        foreach (var creator in creators)
        {
            if (creator.Reference is { } reference)
            {
                await Quietly(() => grains.GetCreator(creator.CreatorId).Watch(reference));
            }
        }
    }

    /// <summary>How many grains this host observes now (for tests and diagnostics).</summary>
    public (int Things, int Creators) ObservedCounts
    {
        get
        {
            lock (_lock)
            {
                return (_things.Count, _creators.Count);
            }
        }
    }

    /// <summary>Adds the connection to the watchers of <paramref name="key"/>; the new watch when it is the first (the caller subscribes it).</summary>
    TWatch? Join<TWatch>(Dictionary<long, Watched<TWatch>> watches, long key, string connectionId, string group, Func<TWatch> create)
        where TWatch : class
    {
        lock (_lock)
        {
            RequireRoom(connectionId, group);
            TWatch? created = null;
            if (!watches.TryGetValue(key, out var watched))
            {
                created = create();
                watched = new(created);
                watches[key] = watched;
            }

            watched.Connections.Add(connectionId);
            Remember(connectionId, group);
            return created;
        }
    }

    /// <summary>Removes the connection from the watchers of <paramref name="key"/> (under the lock); the watch when it was the last (the caller unsubscribes it).</summary>
    static TWatch? Leave<TWatch>(Dictionary<long, Watched<TWatch>> watches, long key, string connectionId)
        where TWatch : class
    {
        if (!watches.TryGetValue(key, out var watched) || !watched.Connections.Remove(connectionId) || watched.Connections.Count > 0)
        {
            return null;
        }

        watches.Remove(key);
        return watched.Watch;
    }

    /// <summary>Removes the connection from every watcher set (under the lock); the watches it was the last of.</summary>
    static List<TWatch> LeaveAll<TWatch>(Dictionary<long, Watched<TWatch>> watches, string connectionId)
        where TWatch : class =>
        [.. watches.Where(pair => pair.Value.Connections.Contains(connectionId)).Select(pair => pair.Key).ToList()
            .Select(key => Leave(watches, key, connectionId)).OfType<TWatch>()];

    async Task UnsubscribeAsync(ThingWatch? thing)
    {
        if (thing?.Reference is { } reference)
        {
            await Quietly(() => grains.GetThing(thing.ThingId).Unwatch(reference));
            grains.DeleteObjectReference<IThingObserver>(reference);
        }
    }

    void RequireRoom(string connectionId, string group)
    {
        if (_connections.TryGetValue(connectionId, out var groups) && groups.Count >= MaximumWatchesPerConnection && !groups.Contains(group))
        {
            throw new HubException($"A connection may watch at most {MaximumWatchesPerConnection} things and creators at once.");
        }
    }

    void Remember(string connectionId, string group)
    {
        if (!_connections.TryGetValue(connectionId, out var groups))
        {
            groups = [];
            _connections[connectionId] = groups;
        }

        groups.Add(group);
    }

    void Forget(string connectionId, string group)
    {
        if (_connections.TryGetValue(connectionId, out var groups))
        {
            groups.Remove(group);
        }
    }

    async Task Quietly(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is FlattrException or DatabaseUnavailableException or OrleansException or TimeoutException or InvalidOperationException)
        {
            // A deleted thing, or a grain or silo or the database briefly unavailable: the next renewal tries again.
            LogRenewFailed(logger, e);
        }
    }

    public void Dispose() => _known.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing or dropping a live subscription failed")]
    static partial void LogRenewFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending creator {CreatorId}'s reconciled figures failed: {Reason}")]
    static partial void LogResendFailed(ILogger logger, long creatorId, string reason);
}
