using System.Security.Cryptography;
using System.Text;
using Flattr.Web.Security.DataProtection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace Flattr.Web.Tests.Security;

public sealed class UnprotectCacheTests : IDisposable
{
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    readonly CountingProvider _real = new(new EphemeralDataProtectionProvider());
    readonly UnprotectedPayloadCache _cache;
    readonly CachingDataProtectionProvider _provider;

    public UnprotectCacheTests()
    {
        _cache = new UnprotectedPayloadCache(_time);
        _provider = new CachingDataProtectionProvider(_real, _cache);
    }

    public void Dispose() => _cache.Dispose();

    [Fact]
    public void A_payload_read_again_is_decrypted_only_once()
    {
        var protector = _provider.CreateProtector("cookies").CreateProtector("v2");
        var payload = protector.Protect(Bytes("ticket of giver 7"));

        Assert.Equal("ticket of giver 7", Text(protector.Unprotect(payload)));
        Assert.Equal("ticket of giver 7", Text(protector.Unprotect(payload)));
        Assert.Equal("ticket of giver 7", Text(protector.Unprotect(payload.ToArray())));

        Assert.Equal(1, _real.Unprotects);
    }

    [Fact]
    public void A_payload_is_decrypted_again_once_its_lifetime_is_over()
    {
        var protector = _provider.CreateProtector("cookies");
        var payload = protector.Protect(Bytes("session"));
        protector.Unprotect(payload);

        _time.Advance(UnprotectedPayloadCache.Lifetime + TimeSpan.FromSeconds(1));
        protector.Unprotect(payload);

        Assert.Equal(2, _real.Unprotects);
    }

    [Fact]
    public void A_payload_cached_under_one_purpose_is_refused_under_another()
    {
        var cookies = _provider.CreateProtector("cookies");
        var antiforgery = _provider.CreateProtector("antiforgery");
        var payload = cookies.Protect(Bytes("session"));
        cookies.Unprotect(payload);

        Assert.ThrowsAny<CryptographicException>(() => antiforgery.Unprotect(payload));
        // Purpose chains are length-prefixed: ("a:b") and ("a", "b") are different chains.
        var joined = _provider.CreateProtector("a:b");
        var nested = _provider.CreateProtector("a").CreateProtector("b");
        var other = joined.Protect(Bytes("x"));
        joined.Unprotect(other);
        Assert.ThrowsAny<CryptographicException>(() => nested.Unprotect(other));
    }

    [Fact]
    public void A_tampered_payload_is_refused_every_time_and_never_cached()
    {
        var protector = _provider.CreateProtector("cookies");
        var payload = protector.Protect(Bytes("session"));
        payload[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(payload));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(payload));

        Assert.Equal(2, _real.Unprotects);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public void Changing_a_returned_plaintext_does_not_change_what_the_next_reader_gets()
    {
        var protector = _provider.CreateProtector("antiforgery");
        var payload = protector.Protect(Bytes("token"));
        var first = protector.Unprotect(payload);
        Array.Clear(first);

        Assert.Equal("token", Text(protector.Unprotect(payload)));
    }

    [Fact]
    public void Protecting_always_goes_to_the_real_protector()
    {
        var protector = _provider.CreateProtector("cookies");

        var one = protector.Protect(Bytes("same"));
        var two = protector.Protect(Bytes("same"));

        Assert.NotEqual(one, two);
        Assert.Equal(2, _real.Protects);
    }

    static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>The real (ephemeral) provider, counting the work that reaches it.</summary>
    sealed class CountingProvider(IDataProtectionProvider inner) : IDataProtectionProvider
    {
        int _protects;
        int _unprotects;

        public int Protects => _protects;

        public int Unprotects => _unprotects;

        public IDataProtector CreateProtector(string purpose) => new Counting(inner.CreateProtector(purpose), this);

        sealed class Counting(IDataProtector inner, CountingProvider counts) : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => new Counting(inner.CreateProtector(purpose), counts);

            public byte[] Protect(byte[] plaintext)
            {
                Interlocked.Increment(ref counts._protects);
                return inner.Protect(plaintext);
            }

            public byte[] Unprotect(byte[] protectedData)
            {
                Interlocked.Increment(ref counts._unprotects);
                return inner.Unprotect(protectedData);
            }
        }
    }
}
