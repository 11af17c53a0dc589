using System.Collections.Immutable;
using Flattr.Live;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Utilities;

namespace Flattr.Trending;

/// <summary>
/// The trending board (see <see cref="ITrendingGrain"/>): at most <see cref="Capacity"/> listed things with their heat, and
/// the latest flattrs. On activation, wherever that is (a silo that died leaves it to be activated on a survivor), it reads
/// both from the database with <see cref="TrendingSql"/>, the formula of the API's <c>sort=trend</c>; then the live feed's
/// changes keep it current:
/// <list type="bullet">
/// <item>a click on a thing the board holds adds <see cref="TrendingHeat.Add"/>, unless the board's heat already holds it (its
/// total clicks are not above the total read with that heat: the click committed before the read);</item>
/// <item>a click on a thing new to the board, and every withdrawal (which takes back its click's heat at the click's time),
/// reads that thing's heat from the database again;</item>
/// <item>a change saying the thing is hidden takes it off the board.</item>
/// </list>
/// Changes are applied in batches off the calls that bring them (the feed's calls return at once), so a burst of clicks on new
/// things costs one database read per batch. Moves are pushed to the watching hosts once per batch.
/// </summary>
public sealed partial class TrendingGrain(NpgsqlDataSource dataSource, TimeProvider time, ILogger<TrendingGrain> logger) : Grain, ITrendingGrain
{
    /// <summary>Things held at most: the hottest; a thing that fell off comes back, read from the database, at its next click.</summary>
    public const int Capacity = 1000;

    /// <summary>Changes waiting at most; beyond, the oldest are dropped (the board is best effort, the database has the clicks).</summary>
    const int MaximumPending = 10_000;

    /// <summary>Tries of one batch before it is dropped, <see cref="RetryDelay"/> apart.</summary>
    const int MaximumAttempts = 5;

    static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    const int RecentLength = 50;
    const int MaximumCount = 100;

    readonly TrendingStore _store = new(dataSource);
    readonly Dictionary<long, TrendingRow> _things = [];
    readonly Queue<ThingCountChanged> _pending = new();
    ImmutableArray<RecentFlattr> _recent = [];
    ObserverManager<ITrendingObserver>? _observers;
    bool _applying;

    ObserverManager<ITrendingObserver> Observers => _observers ??= Watchers.Create<ITrendingObserver>(time, logger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var row in await _store.HottestAsync(now, Capacity, cancellationToken))
        {
            _things[row.Thing.ThingId] = row;
        }

        _recent = await _store.RecentAsync(now, RecentLength, cancellationToken);
    }

    public Task Record(ThingCountChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _pending.Enqueue(change);
        while (_pending.Count > MaximumPending)
        {
            _pending.Dequeue();
        }

        if (!_applying)
        {
            _applying = true;
            _ = ApplyPendingAsync();
        }

        return Task.CompletedTask;
    }

    public Task<ImmutableArray<TrendingThing>> Top(string? category, string? language, int count)
    {
        var now = time.GetUtcNow();
        return Task.FromResult<ImmutableArray<TrendingThing>>(
        [
            .. _things.Values
                .Select(row => row.Thing)
                .Where(thing => TrendingHeat.IsWithinHorizon(thing.At, now)
                    && (category is null || thing.Category == category)
                    && (language is null || thing.Language == language))
                .OrderByDescending(thing => TrendingHeat.Rank(thing.Heat))
                .ThenByDescending(thing => thing.ThingId)
                .Take(Math.Clamp(count, 0, MaximumCount)),
        ]);
    }

    public Task<ImmutableArray<RecentFlattr>> Recent(int count) =>
        Task.FromResult<ImmutableArray<RecentFlattr>>([.. _recent.Take(Math.Clamp(count, 0, RecentLength))]);

    public Task Watch(ITrendingObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unwatch(ITrendingObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Applies the waiting changes batch by batch, on the grain's scheduler, until none is left. A batch that fails (the database
    /// did not answer) is tried again a second later, a few times, before it is dropped.
    /// </summary>
    async Task ApplyPendingAsync()
    {
        var attempts = 0;
        while (_pending.Count > 0)
        {
            var batch = _pending.ToArray();
            _pending.Clear();
            try
            {
                await ApplyAsync(batch);
                attempts = 0;
            }
#pragma warning disable CA1031 // The board is best effort: a failed batch is logged, retried, then dropped; the next changes are still applied.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogApplyFailed(logger, e, batch.Length);
                if (++attempts < MaximumAttempts)
                {
                    var again = batch.Concat(_pending).TakeLast(MaximumPending).ToList();
                    _pending.Clear();
                    again.ForEach(_pending.Enqueue);

                    // Real time, not the application's clock: a test's stopped clock must not stop the board.
                    await Task.Delay(RetryDelay);
                }
            }
        }

        _applying = false;
    }

    async Task ApplyAsync(ThingCountChanged[] batch)
    {
        var now = time.GetUtcNow();
        var reread = batch.Where(c => !c.Hidden && (c.Withdrawal || !_things.ContainsKey(c.ThingId))).Select(c => c.ThingId).ToHashSet();
        var moved = new Dictionary<long, TrendingThing>();
        if (reread.Count > 0)
        {
            var rows = (await _store.HeatOfAsync(now, reread, CancellationToken.None)).ToDictionary(row => row.Thing.ThingId);
            foreach (var thingId in reread)
            {
                if (rows.TryGetValue(thingId, out var row))
                {
                    _things[thingId] = row;
                    moved[thingId] = row.Thing;
                }
                else
                {
                    _things.Remove(thingId);
                }
            }
        }

        var recent = new List<RecentFlattr>();
        foreach (var change in batch)
        {
            if (change.Hidden)
            {
                _things.Remove(change.ThingId);
                moved.Remove(change.ThingId);
                continue;
            }

            if (!_things.TryGetValue(change.ThingId, out var held))
            {
                continue;
            }

            var thing = held.Thing;
            if (!change.Withdrawal && change.TotalClicks > held.TotalClicks)
            {
                // A click the held heat does not hold yet.
                thing = thing with { Heat = TrendingHeat.Add(thing.Heat, change.At) };
            }

            thing = thing with
            {
                MonthClicks = change.MonthClicks,
                At = change.Withdrawal || change.At < thing.At ? thing.At : change.At,
                Category = change.Category,
                Language = change.Language,
            };
            _things[change.ThingId] = held with { Thing = thing };
            moved[change.ThingId] = thing;
            if (!change.Withdrawal)
            {
                recent.Add(new RecentFlattr(thing.ThingId, thing.Title, thing.Owner, thing.Category, change.MonthClicks, change.At));
            }
        }

        if (recent.Count > 0)
        {
            recent.Reverse();
            _recent = [.. recent.Concat(_recent).Take(RecentLength)];
        }

        Prune(now);
        if (moved.Count > 0 && _observers is { Count: > 0 } observers)
        {
            ImmutableArray<TrendingThing> changes = [.. moved.Values.Where(thing => _things.ContainsKey(thing.ThingId))];
            await observers.Notify(observer => observer.OnMoved(changes));
        }
    }

    /// <summary>Drops the things past the horizon, then the coldest beyond <see cref="Capacity"/>.</summary>
    void Prune(DateTimeOffset now)
    {
        foreach (var thingId in _things.Values.Where(row => !TrendingHeat.IsWithinHorizon(row.Thing.At, now)).Select(row => row.Thing.ThingId).ToList())
        {
            _things.Remove(thingId);
        }

        if (_things.Count > Capacity)
        {
            var coldest = _things.Values
                .OrderBy(row => TrendingHeat.Rank(row.Thing.Heat))
                .ThenBy(row => row.Thing.ThingId)
                .Take(_things.Count - Capacity)
                .Select(row => row.Thing.ThingId)
                .ToList();
            foreach (var thingId in coldest)
            {
                _things.Remove(thingId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying {Count} live changes to the trending board failed")]
    static partial void LogApplyFailed(ILogger logger, Exception exception, int count);
}
