using System.Net;
using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Headers;

/// <summary>
/// The security headers on every kind of response, not only on pages: errors, redirects, static files, scripts, badges,
/// QR codes, the hub, the webhook. Only the button frame and the badge may be framed by other sites.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class SecurityHeaderCoverageTests(FaultsApp app) : LedgerAuditedTests(app)
{
    [Fact]
    public async Task Every_response_carries_nosniff_a_referrer_policy_and_a_csp_with_frame_ancestors()
    {
        using var owner = await App.MemberAsync("owner");
        var thing = await App.CreateThingAsync(owner.User);
        var requests = new (HttpMethod Method, string Path, bool Framable)[]
        {
            (HttpMethod.Get, "/", false), (HttpMethod.Get, "/signin", false), (HttpMethod.Get, "/signup", false),
            (HttpMethod.Get, "/browse", false), (HttpMethod.Get, "/trending", false), (HttpMethod.Get, "/activity", false),
            (HttpMethod.Get, $"/things/{thing}", false), (HttpMethod.Get, $"/profile/{owner.User.Username}", false),
            (HttpMethod.Get, "/me", false), (HttpMethod.Get, "/dashboard", false), (HttpMethod.Get, "/error", false),
            (HttpMethod.Get, "/no/such/page", false), (HttpMethod.Get, "/things/not-a-number", false), (HttpMethod.Get, "/profile/nobody_at_all", false),
            (HttpMethod.Get, "/submit/auto", false), (HttpMethod.Get, "/verify?token=forged", false), (HttpMethod.Get, "/health", false),
            (HttpMethod.Get, "/status", false), (HttpMethod.Get, "/css/site.css", false), (HttpMethod.Get, "/js/api.js", false),
            (HttpMethod.Get, "/img/flattr-mark.svg", false), (HttpMethod.Get, "/lib/signalr/signalr.min.js", false),
            (HttpMethod.Get, "/button.js", false), (HttpMethod.Get, "/button/frame.js", false), (HttpMethod.Get, $"/things/{thing}/qr.svg", false),
            (HttpMethod.Get, $"/things/{thing}/button.svg", true), (HttpMethod.Get, $"/button/view?thing={thing}", true),
            (HttpMethod.Get, $"/button/flattred?thing={thing}", false),
            (HttpMethod.Get, $"/button/confirm?thing={thing}", false), (HttpMethod.Post, "/live/negotiate?negotiateVersion=1", false),
            (HttpMethod.Get, "/live", false), (HttpMethod.Post, "/payments/sandbox/webhook", false), (HttpMethod.Post, "/signin", false),
            (HttpMethod.Get, "/signout", false), (HttpMethod.Post, $"/things/{thing}/flattr", false),
            (HttpMethod.Get, "/rest/v2/categories", false), (HttpMethod.Get, $"/rest/v2/things/{thing}", false), (HttpMethod.Get, "/rest/v2/user", false),
            (HttpMethod.Post, $"/rest/v2/things/{thing}/flattr", false), (HttpMethod.Get, "/rest/v2/openapi.json", false),
            (HttpMethod.Get, "/oauth/authorize?client_id=nobody", false), (HttpMethod.Post, "/oauth/token", false), (HttpMethod.Get, "/settings/tokens", false),
        };

        using var visitor = App.Visitor();
        foreach (var (method, path, framable) in requests)
        {
            using var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Post)
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await visitor.Http.SendAsync(request);
            var what = $"{method} {path} ({(int)response.StatusCode})";
            Assert.True((int)response.StatusCode < 500, what);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options", what));
            Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy", what));
            var csp = Header(response, "Content-Security-Policy", what);
            if (framable)
            {
                Assert.Contains("frame-ancestors *", csp, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal), $"{what}: {csp}");
                Assert.Equal("DENY", Header(response, "X-Frame-Options", what));
            }
        }

        Tally.Check(requests.Length);
    }

    static string Header(HttpResponseMessage response, string name, string what) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{what} has no {name} header");
}
