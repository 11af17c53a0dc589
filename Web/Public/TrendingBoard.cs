using System.Collections.Immutable;
using Flattr.Live;
using Flattr.Things;
using Flattr.Web.Live;
using Orleans;

namespace Flattr.Web.Public;

/// <summary>
/// Trending things and recent activity, kept in this host's memory from the live feed.
/// Each click adds 1 to a thing's heat, and heat decays with a time constant of <see cref="Tau"/> (e-fold every 12 hours).
/// Heat is stored in log form relative to a fixed epoch, <c>ln Σ exp((tᵢ − epoch)/τ)</c>, so every thing decays at the
/// same rate without ever being rewritten: the order only changes when a click arrives, and browsers can sort by the value.
/// On start the board is seeded from this month's counts (the database), then the feed keeps it current.
/// </summary>
public sealed class TrendingBoard(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Tau = TimeSpan.FromHours(12);
    static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    const int ActivityLength = 50;
    const int SeedCount = 100;

    readonly Lock _lock = new();
    readonly Dictionary<long, Item> _items = [];
    readonly SemaphoreSlim _seeding = new(1, 1);
    ImmutableList<ActivityItem> _activity = [];
    bool _seeded;

    sealed record Item(ThingInfo Info, long MonthClicks, double Heat, DateTimeOffset At);

    /// <summary>Applies a feed change; returns the thing's new entry, or null for hidden or unknown things.</summary>
    public async Task<TrendingEntry?> ApplyAsync(ThingCountChanged change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await EnsureSeededAsync(cancellationToken);
        if (change.Hidden)
        {
            return null;
        }

        Item? known;
        lock (_lock)
        {
            _items.TryGetValue(change.ThingId, out known);
        }

        var info = known?.Info;
        if (info is null)
        {
            try
            {
                info = await grains.GetThing(change.ThingId).GetInfo();
            }
            catch (FlattrException e) when (e.Code == FlattrErrors.NotFound)
            {
                return null;
            }
        }

        var x = Exponent(change.At);
        lock (_lock)
        {
            var heat = _items.TryGetValue(change.ThingId, out var item) ? item.Heat : double.NegativeInfinity;
            heat = change.Withdrawal ? Remove(heat, x) : Add(heat, x);
            var updated = new Item(info, change.MonthClicks, heat, change.At);
            _items[change.ThingId] = updated;
            if (!change.Withdrawal)
            {
                _activity = _activity.Insert(0, new ActivityItem(info.Id, info.Title, info.OwnerUsername, info.Category, change.MonthClicks, change.At));
                if (_activity.Count > ActivityLength)
                {
                    _activity = _activity.RemoveAt(ActivityLength);
                }
            }

            return ToEntry(updated);
        }
    }

    /// <summary>The hottest things now, optionally of one category and/or language.</summary>
    public async Task<ImmutableArray<TrendingEntry>> TopAsync(string? category, string? language, int count, CancellationToken cancellationToken)
    {
        await EnsureSeededAsync(cancellationToken);
        lock (_lock)
        {
            return
            [
                .. _items.Values
                    .Where(i => !i.Info.Hidden && i.Info.IsActive
                        && (category is null || i.Info.Category == category)
                        && (language is null || i.Info.Language == language))
                    .OrderByDescending(i => i.Heat)
                    .ThenByDescending(i => i.MonthClicks)
                    .Take(count)
                    .Select(ToEntry),
            ];
        }
    }

    /// <summary>The latest flattrs on public things, newest first.</summary>
    public async Task<ImmutableList<ActivityItem>> RecentAsync(CancellationToken cancellationToken)
    {
        await EnsureSeededAsync(cancellationToken);
        lock (_lock)
        {
            return _activity;
        }
    }

    async Task EnsureSeededAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _seeded))
        {
            return;
        }

        await _seeding.WaitAsync(cancellationToken);
        try
        {
            if (_seeded)
            {
                return;
            }

            var page = await grains.GetThingRegistry().Search(new ThingQuery(Sort: ThingSort.FlattrsMonth, Count: SeedCount));
            var now = time.GetUtcNow();
            lock (_lock)
            {
                foreach (var snapshot in page.Things.Where(s => s.Counts.ThisMonth > 0))
                {
                    if (_items.ContainsKey(snapshot.Info.Id))
                    {
                        continue;
                    }

                    // Without click times, treat this month's clicks as arriving at the last one (or half a day ago).
                    var at = snapshot.Counts.LastFlattrAt ?? now - (Tau / 2);
                    var heat = Exponent(at) + Math.Log(snapshot.Counts.ThisMonth);
                    _items[snapshot.Info.Id] = new Item(snapshot.Info, snapshot.Counts.ThisMonth, heat, at);
                }
            }

            _seeded = true;
        }
        finally
        {
            _seeding.Release();
        }
    }

    static TrendingEntry ToEntry(Item item) =>
        new(item.Info.Id, item.Info.Title, item.Info.OwnerUsername, item.Info.Category, item.Info.Language, item.MonthClicks, item.Heat, item.At);

    static double Exponent(DateTimeOffset at) => (at - Epoch) / Tau;

    /// <summary>ln(eʰ + eˣ) without overflow.</summary>
    static double Add(double heat, double x) =>
        double.IsNegativeInfinity(heat) ? x : Math.Max(heat, x) + Math.Log(1 + Math.Exp(-Math.Abs(heat - x)));

    /// <summary>ln(eʰ − eˣ), floored: a withdrawal takes back what its click added.</summary>
    static double Remove(double heat, double x) =>
        double.IsNegativeInfinity(heat) || x >= heat ? heat - 50 : heat + Math.Log(1 - Math.Exp(x - heat));
}

/// <summary>One flattr in the public activity list.</summary>
public sealed record ActivityItem(long ThingId, string Title, string Owner, string Category, long MonthClicks, DateTimeOffset At);
