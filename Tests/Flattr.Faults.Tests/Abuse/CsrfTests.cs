using System.Net;
using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Abuse;

/// <summary>
/// Cross-site request forgery against every state-changing endpoint of a signed-in member: a post without the antiforgery
/// token, with another member's token, or marked cross-site by the browser (Sec-Fetch-Site) is refused, and nothing changes:
/// not the database, not the member's session, not their language.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class CsrfTests(FaultsApp app) : LedgerAuditedTests(app)
{
    [Fact]
    public async Task Forged_posts_to_every_state_changing_endpoint_are_refused_and_change_nothing()
    {
        using var victim = await App.GiverAsync();
        using var attacker = await App.GiverAsync();
        using var other = await App.MemberAsync("other");
        var own = await App.CreateThingAsync(victim.User);
        var theirs = await App.CreateThingAsync(other.User);
        var flattred = await App.CreateThingAsync(other.User);
        using (var setup = await victim.FlattrAsync(flattred))
        {
            Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        }

        var endpoints = new (string Path, Dictionary<string, string> Fields)[]
        {
            ($"/things/{theirs}/flattr", []),
            ("/me?handler=Budget", new() { ["amountCents"] = "1000" }),
            ("/me?handler=Pause", []),
            ("/me?handler=TopUp", new() { ["amount"] = "10" }),
            ("/me?handler=Undo", new() { ["thingId"] = flattred.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            ("/me?handler=CancelSubscription", new() { ["thingId"] = theirs.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            ("/things/new", new() { ["Form.Url"] = $"https://example.org/forged/{Guid.NewGuid():N}", ["Form.Title"] = "A forged thing", ["Form.Category"] = "text", ["Form.Language"] = "en_GB" }),
            ($"/things/{own}/edit", new() { ["Form.Title"] = "Renamed by a forgery", ["Form.Category"] = "text", ["Form.Language"] = "en_GB" }),
            ($"/things/{own}/edit?handler=Delete", []),
            ($"/things/{theirs}?handler=Subscribe", new() { ["term"] = "ThreeMonths" }),
            ($"/button/confirm?thing={theirs}", []),
            ($"/button/confirm?thing={flattred}&handler=Undo", []),
            ("/language", new() { ["language"] = "fr", ["returnUrl"] = "/" }),
            ("/signout", []),
        };

        var before = await App.FingerprintAsync();
        var refused = 0;
        foreach (var (path, fields) in endpoints)
        {
            // No token at all: what a form on another site sends along with the victim's cookies.
            using (var response = await PostAsync(victim, path, fields, token: null, crossSite: false))
            {
                AssertRefused(response, path, "without a token", HttpStatusCode.BadRequest);
            }

            // The attacker's own (valid) token: tokens are bound to their member.
            using (var response = await PostAsync(victim, path, fields, attacker.Token, crossSite: false))
            {
                AssertRefused(response, path, "with another member's token", HttpStatusCode.BadRequest);
            }

            // The victim's valid token, but the browser says the request comes from another site.
            using (var response = await PostAsync(victim, path, fields, victim.Token, crossSite: true))
            {
                AssertRefused(response, path, "marked cross-site", HttpStatusCode.Forbidden);
            }

            refused += 3;
        }

        Assert.Equal(before, await App.FingerprintAsync());
        using (var me = await victim.Session.Http.GetAsync("/me"))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode); // still signed in
            Assert.Equal("en", me.Content.Headers.ContentLanguage.Single()); // language unchanged
        }

        Tally.Check(refused + 1);
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
    }

    static async Task<HttpResponseMessage> PostAsync(Member victim, string path, Dictionary<string, string> fields, string? token, bool crossSite)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        var body = new Dictionary<string, string>(fields);
        if (token is not null)
        {
            body[WebSession.FormTokenField] = token;
            request.Headers.Add(WebSession.TokenHeader, token);
        }

        request.Content = new FormUrlEncodedContent(body);
        request.Headers.Add("Origin", crossSite ? "https://evil.example" : victim.Session.BaseUri.GetLeftPart(UriPartial.Authority));
        if (crossSite)
        {
            request.Headers.Add("Sec-Fetch-Site", "cross-site");
        }

        return await victim.Session.Http.SendAsync(request);
    }

    static void AssertRefused(HttpResponseMessage response, string path, string how, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"POST {path} {how}: {(int)response.StatusCode}, expected {(int)expected}");
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c =>
            c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal) || c.StartsWith("flattr.session=;", StringComparison.Ordinal)),
            $"POST {path} {how} changed a cookie");
    }
}
