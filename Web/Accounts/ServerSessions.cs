using System.Globalization;
using Flattr.Users;
using Flattr.Web.Hosting;
using Microsoft.Extensions.Caching.Memory;
using Orleans;

namespace Flattr.Web.Accounts;

/// <summary>
/// The server side of the session cookie: sessions live in PostgreSQL (<see cref="ISessionsGrain"/>), so signing out,
/// "sign out everywhere" and a password change end them on every node. A session found live is trusted on this node for
/// <see cref="CacheLifetime"/> without asking again; what this node ends is forgotten here at once, so on this node the end is
/// immediate and on the others it takes at most <see cref="CacheLifetime"/>.
/// </summary>
public sealed class ServerSessions : IDisposable
{
    /// <summary>How long a live session is trusted on one node without asking the database again.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(2);

    const int MaxEntries = 50_000;

    readonly IGrainFactory _grains;
    readonly TimeProvider _time;
    readonly MemoryCache _live;

    public ServerSessions(IGrainFactory grains, TimeProvider time)
    {
        _grains = grains;
        _time = time;
        _live = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaxEntries, Clock = new TimeProviderClock(time), ExpirationScanFrequency = CacheLifetime });
    }

    public Task<string> StartAsync(long userId) => _grains.GetSessions().Start(userId);

    /// <summary>Whether the session is live and belongs to the user the cookie names.</summary>
    public async Task<bool> IsLiveAsync(string sessionId, long userId)
    {
        var now = _time.GetUtcNow();
        if (_live.TryGetValue(sessionId, out var cached) && cached is LiveSession session && session.UserId == userId
            && !(_live.TryGetValue(EndedKey(userId), out var ended) && ended is DateTimeOffset endedAt && endedAt >= session.CheckedAt))
        {
            return true;
        }

        var owner = await _grains.GetSessions().Validate(sessionId);
        if (owner != userId)
        {
            _live.Remove(sessionId);
            return false;
        }

        using var entry = _live.CreateEntry(sessionId);
        entry.Value = new LiveSession(userId, now);
        entry.Size = 1;
        entry.AbsoluteExpirationRelativeToNow = CacheLifetime;
        return true;
    }

    public async Task EndAsync(string sessionId)
    {
        _live.Remove(sessionId);
        await _grains.GetSessions().End(sessionId);
    }

    public async Task EndAllAsync(long userId)
    {
        await _grains.GetSessions().EndAll(userId);
        Forget(userId);
    }

    /// <summary>Forgets on this node every session of the user checked until now (after the database ended them).</summary>
    public void Forget(long userId)
    {
        using var entry = _live.CreateEntry(EndedKey(userId));
        entry.Value = _time.GetUtcNow();
        entry.Size = 1;
        entry.AbsoluteExpirationRelativeToNow = CacheLifetime + CacheLifetime;
    }

    public void Dispose() => _live.Dispose();

    static string EndedKey(long userId) => "ended:" + userId.ToString(CultureInfo.InvariantCulture);

    sealed record LiveSession(long UserId, DateTimeOffset CheckedAt);
}
