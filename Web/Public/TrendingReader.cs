using System.Collections.Concurrent;
using System.Collections.Immutable;
using Flattr.Trending;
using Orleans;

namespace Flattr.Web.Public;

/// <summary>
/// The trending board (<see cref="ITrendingGrain"/>, one for the whole cluster) as this host's pages read it: each answer is
/// kept for <see cref="Freshness"/>, so a busy front page costs the board one call a second per filter rather than one per view.
/// Open pages stay current through the live pushes.
/// </summary>
public sealed class TrendingReader(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    /// <summary>Answers kept at most (filters come from query strings: a crawler must not grow this without bound).</summary>
    const int MaximumKept = 256;

    readonly ConcurrentDictionary<(string? Category, string? Language, int Count), Kept<ImmutableArray<TrendingThing>>> _top = new();
    readonly ConcurrentDictionary<int, Kept<ImmutableArray<RecentFlattr>>> _recent = new();

    sealed record Kept<T>(T Value, DateTimeOffset At);

    /// <summary>The hottest listed things, optionally of one category and/or language.</summary>
    public Task<ImmutableArray<TrendingThing>> TopAsync(string? category, string? language, int count) =>
        ReadAsync(_top, (category, language, count), () => grains.GetTrending().Top(category, language, count));

    /// <summary>The latest flattrs on listed things, newest first.</summary>
    public Task<ImmutableArray<RecentFlattr>> RecentAsync(int count) =>
        ReadAsync(_recent, count, () => grains.GetTrending().Recent(count));

    async Task<T> ReadAsync<TKey, T>(ConcurrentDictionary<TKey, Kept<T>> kept, TKey key, Func<Task<T>> read)
        where TKey : notnull
    {
        var now = time.GetUtcNow();
        if (kept.TryGetValue(key, out var answer) && now - answer.At < Freshness)
        {
            return answer.Value;
        }

        var value = await read();
        if (kept.Count >= MaximumKept)
        {
            kept.Clear();
        }

        kept[key] = new Kept<T>(value, now);
        return value;
    }
}
