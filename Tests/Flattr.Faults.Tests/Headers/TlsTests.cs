using System.Net;
using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Headers;

/// <summary>
/// The app as deployed (Production, HTTPS with a certificate from configuration): HSTS on every response, every cookie it
/// sets Secure, HttpOnly and SameSite, and no development-only page (the mail outbox) reachable.
/// </summary>
public sealed class TlsTests(ITestOutputHelper output) : IAsyncLifetime
{
    FlattrDatabase _database = null!;

    public async Task InitializeAsync() => _database = await FlattrDatabase.CreateAsync("tls");

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Over_tls_every_response_has_hsts_and_every_cookie_is_secure_http_only_and_same_site()
    {
        var giver = await _database.AddGiverAsync();
        using var certificate = TestCertificate.Create();
        // HSTS is left out for localhost names, so the site is named as it is deployed: flattr.test, its public address.
        var settings = new Dictionary<string, string>(certificate.KestrelSettings) { ["Flattr:Web:PublicBaseUrl"] = "https://flattr.test/" };
        await using var app = new AppProcess(_database.ConnectionString, settings, tls: true);
        await app.StartAsync();
        using var session = new WebSession(app.BaseUri, trustAnyCertificate: true);
        var cookies = new List<string>();

        // HSTS is left out for localhost names by design, so the requests name the site as a browser would.
        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Dictionary<string, string>? form = null)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Host = "flattr.test";
            if (form is not null)
            {
                request.Content = new FormUrlEncodedContent(form);
            }

            var response = await session.Http.SendAsync(request);
            Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), $"{method} {path} has no HSTS");
            Assert.Contains("max-age=31536000", hsts!.Single(), StringComparison.Ordinal);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                cookies.AddRange(setCookies);
            }

            return response;
        }

        using (var signInPage = await SendAsync(HttpMethod.Get, "/signin"))
        {
            var token = WebSession.FindToken(await signInPage.Content.ReadAsStringAsync())!;
            using var signIn = await SendAsync(HttpMethod.Post, "/signin", new()
            {
                ["Login"] = giver.Username, ["Password"] = Flattr.Web.Tests.Support.FlattrApp.Password, [WebSession.FormTokenField] = token,
            });
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using (var me = await SendAsync(HttpMethod.Get, "/me"))
        {
            var token = WebSession.FindToken(await me.Content.ReadAsStringAsync())!;
            using var budget = await SendAsync(HttpMethod.Post, "/me?handler=Budget", new() { ["amountCents"] = "1000", [WebSession.FormTokenField] = token });
            Assert.Equal(HttpStatusCode.Redirect, budget.StatusCode);
            using var language = await SendAsync(HttpMethod.Post, "/language", new() { ["language"] = "de", ["returnUrl"] = "/", [WebSession.FormTokenField] = token });
            Assert.Equal(HttpStatusCode.Redirect, language.StatusCode);
        }

        using (var outbox = await SendAsync(HttpMethod.Get, "/dev/outbox"))
        {
            Assert.Equal(HttpStatusCode.NotFound, outbox.StatusCode);
        }

        using (await SendAsync(HttpMethod.Get, "/no/such/page"))
        using (await SendAsync(HttpMethod.Get, "/css/site.css"))
        {
        }

        var names = cookies.Select(c => c[..c.IndexOf('=', StringComparison.Ordinal)]).Distinct().Order().ToList();
        output.WriteLine("cookies set: " + string.Join(", ", names));
        Assert.Contains("flattr.session", names);
        Assert.Contains("flattr.antiforgery", names);
        Assert.Contains(".AspNetCore.Culture", names);
        foreach (var cookie in cookies)
        {
            var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
            Assert.True(attributes.Contains("secure"), $"not Secure: {cookie}");
            Assert.True(attributes.Contains("httponly"), $"not HttpOnly: {cookie}");
            Assert.True(attributes.Any(a => a is "samesite=lax" or "samesite=strict"), $"no SameSite Lax/Strict: {cookie}");
        }

        Tally.Check(cookies.Count + 1);
        await Invariants.AssertLedgerAuditOkAsync(_database.DataSource);
    }
}
