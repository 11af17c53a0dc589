using Flattr.Web.Hosting;
using Microsoft.Extensions.Caching.Memory;

namespace Flattr.Web.Security.DataProtection;

/// <summary>
/// Plaintexts of payloads that a protector has already authenticated and decrypted, keyed by the protector's purpose chain
/// and the exact protected bytes. Every signed-in request carries the same session cookie and antiforgery tokens again and
/// again; decrypting them costs three key derivations, three HMACs and three AES decryptions per request (a fifth of a
/// click's CPU), while looking them up here costs a hash of the bytes. Only successes are kept, for a short absolute
/// lifetime (so a revoked key stops being honoured soon), and the cache is bounded by entry count.
/// </summary>
public sealed class UnprotectedPayloadCache : IDisposable
{
    /// <summary>How long a decrypted payload is trusted without decrypting it again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    public const int MaxEntries = 20_000;

    readonly MemoryCache _entries;

    public UnprotectedPayloadCache(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _entries = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = MaxEntries,
            Clock = new TimeProviderClock(time),
            // Expired entries are swept on access at most this often.
            ExpirationScanFrequency = Lifetime,
        });
    }

    public bool TryGet(string purposes, byte[] protectedData, out byte[] plaintext)
    {
        if (_entries.TryGetValue(new ProtectedPayloadKey(purposes, protectedData), out var cached) && cached is byte[] bytes)
        {
            // A copy: callers own what Unprotect returns and may clear or change it.
            plaintext = bytes.AsSpan().ToArray();
            return true;
        }

        plaintext = [];
        return false;
    }

    public void Add(string purposes, byte[] protectedData, byte[] plaintext)
    {
        // The key keeps its own copy of the bytes: the caller's array may be reused.
        var key = new ProtectedPayloadKey(purposes, protectedData.AsSpan().ToArray());
        using var entry = _entries.CreateEntry(key);
        entry.Value = plaintext.AsSpan().ToArray();
        entry.Size = 1;
        entry.AbsoluteExpirationRelativeToNow = Lifetime;
    }

    public int Count => _entries.Count;

    public void Dispose() => _entries.Dispose();
}
