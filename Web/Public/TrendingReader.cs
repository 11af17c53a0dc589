using System.Collections.Immutable;
using Flattr.Trending;
using Flattr.Web.Hosting;
using Microsoft.Extensions.Caching.Memory;
using Orleans;

namespace Flattr.Web.Public;

/// <summary>
/// The trending board (<see cref="ITrendingGrain"/>, one for the whole cluster) as this host's pages read it: each answer is
/// kept for <see cref="Freshness"/>, so a busy front page costs the board one call a second per filter rather than one per view.
/// Open pages stay current through the live pushes.
/// </summary>
public sealed class TrendingReader(IGrainFactory grains, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    /// <summary>Answers kept at most (filters come from query strings: a crawler must not grow this without bound).</summary>
    const int MaximumKept = 256;

    readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = MaximumKept, Clock = new TimeProviderClock(time) });

    /// <summary>The hottest listed things, optionally of one category and/or language.</summary>
    public Task<ImmutableArray<TrendingThing>> TopAsync(string? category, string? language, int count) =>
        ReadAsync(("top", category, language, count), () => grains.GetTrending().Top(category, language, count));

    /// <summary>The latest flattrs on listed things, newest first.</summary>
    public Task<ImmutableArray<RecentFlattr>> RecentAsync(int count) =>
        ReadAsync(("recent", count), () => grains.GetTrending().Recent(count));

    public void Dispose() => _kept.Dispose();

    async Task<T> ReadAsync<T>(object key, Func<Task<T>> read)
    {
        if (_kept.TryGetValue(key, out T? kept))
        {
            return kept!;
        }

        var value = await read();
        _kept.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Freshness });
        return value;
    }
}
