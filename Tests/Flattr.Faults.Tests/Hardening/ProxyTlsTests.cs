using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Hardening;

/// <summary>
/// Behind a TLS-terminating proxy the app sees plain HTTP with <c>X-Forwarded-Proto: https</c>: from a trusted proxy
/// (loopback, Flattr:Web:KnownProxies) the request counts as HTTPS, so cookies are Secure and HSTS is sent; from anyone
/// else the header is ignored (a client cannot make the app believe it is on TLS).
/// </summary>
[Collection(ProductionAppCollection.Name)]
public sealed class ProxyTlsTests(ProductionApp app)
{
    static readonly Dictionary<string, string> Forwarded = new() { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = "198.51.100.20" };

    [Fact]
    public async Task From_a_trusted_proxy_forwarded_https_makes_cookies_secure_and_sends_hsts()
    {
        var answer = await app.SendAsync("GET", "/signin", System.Net.IPAddress.Loopback, headers: Forwarded);
        Assert.Equal(200, answer.Status);
        Assert.Contains("max-age=31536000", answer.Header("Strict-Transport-Security") ?? string.Empty, StringComparison.Ordinal);
        Assert.NotEmpty(answer.SetCookies);
        Assert.All(answer.SetCookies, cookie => Assert.Contains("secure", cookie.ToLowerInvariant().Split(';', StringSplitOptions.TrimEntries)));
        Tally.Check();
    }

    [Fact]
    public async Task From_an_untrusted_address_forwarded_https_is_ignored_no_secure_cookies_and_no_hsts()
    {
        var answer = await app.SendAsync("GET", "/signin", ProductionApp.Remote, headers: Forwarded);
        Assert.Equal(200, answer.Status);
        Assert.Null(answer.Header("Strict-Transport-Security"));
        Assert.NotEmpty(answer.SetCookies);
        Assert.All(answer.SetCookies, cookie => Assert.DoesNotContain("secure", cookie.ToLowerInvariant().Split(';', StringSplitOptions.TrimEntries)));
        Tally.Check();
    }
}
