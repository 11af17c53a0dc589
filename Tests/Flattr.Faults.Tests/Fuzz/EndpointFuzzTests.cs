using System.Net;
using System.Text;
using Flattr.Faults.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Flattr.Faults.Tests.Fuzz;

/// <summary>
/// Every endpoint that is not a form, fuzzed: the JSON flattr, badges, QR codes, the button frame and popup, auto-submit, the
/// payment webhook, verification links, listings and search, statements, unknown paths and methods, hostile headers and
/// cookies. Never a 5xx; reads change nothing; refused writes change nothing.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class EndpointFuzzTests(FaultsApp app, ITestOutputHelper output) : LedgerAuditedTests(app)
{
    [Fact]
    public async Task Flattr_badge_qr_frame_popup_and_auto_submit_endpoints_with_fuzzed_input_never_fail()
    {
        var fuzz = new FuzzRunner(App, new FuzzValues(FuzzRunner.Seed(201)), output);
        var v = fuzz.Values;
        using var owner = await App.MemberAsync("fuzzbutton");
        using var giver = await App.GiverAsync();
        var things = new List<long> { await App.CreateThingAsync(owner.User), await App.CreateThingAsync(owner.User) };
        using var visitor = App.Visitor();
        for (var i = 0; i < 50; i++)
        {
            var id = v.Id(things);
            var anonymous = v.Chance(0.5) ? "?anonymous=" + Uri.EscapeDataString(v.Text()) : string.Empty;
            await fuzz.SendAsync($"POST /things/{id}/flattr{anonymous}", async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/things/{Uri.EscapeDataString(id)}/flattr{anonymous}");
                request.Headers.Add(WebSession.TokenHeader, v.Chance(0.8) ? giver.Token : v.HeaderValue());
                request.Headers.TryAddWithoutValidation("Accept", v.Chance(0.5) ? "application/json" : v.HeaderValue());
                return await giver.Session.Http.SendAsync(request);
            }, FuzzRunner.RefusedUnlessSuccess);
        }

        for (var i = 0; i < 120; i++)
        {
            var path = v.Next(7) switch
            {
                0 => $"/things/{Uri.EscapeDataString(v.Id(things))}/button.svg",
                1 => "/button.svg" + Query(v, "url"),
                2 => $"/things/{Uri.EscapeDataString(v.Id(things))}/qr.svg",
                3 => "/button/view" + Query(v, "thing", "url", "button", "uid", "user_id", "title", "tags", "category", "language", "hidden"),
                4 => "/button/confirm" + Query(v, "thing", "url", "user_id", "title", "description", "hidden"),
                5 => "/submit/auto" + Query(v, "user_id", "uid", "url", "title", "description", "language", "tags", "category", "hidden"),
                _ => $"/things/{Uri.EscapeDataString(v.Id(things))}",
            };
            await fuzz.SendAsync("GET " + path, async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (v.Chance(0.3))
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", v.HeaderValue());
                }

                return await (v.Chance(0.5) ? giver.Session.Http : visitor.Http).SendAsync(request);
            }, FuzzRunner.NeverChanges);
        }

        // The frame's storage access: its question whether the reader flattred, and the frame asked with the storage access
        // request header and an Origin, both fuzzed (the answer quotes the Origin).
        for (var i = 0; i < 40; i++)
        {
            var path = v.Chance(0.5) ? "/button/flattred" + Query(v, "thing") : $"/button/view?thing={Uri.EscapeDataString(v.Id(things))}";
            await fuzz.SendAsync("GET " + path, async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.TryAddWithoutValidation("Sec-Fetch-Storage-Access", v.Pick(new[] { "inactive", "active", "none", v.HeaderValue() }));
                request.Headers.TryAddWithoutValidation("Origin", v.Chance(0.5) ? new string(v.Url().Where(c => c is >= ' ' and <= '~').ToArray()) : v.HeaderValue());
                request.Headers.TryAddWithoutValidation("Cookie", "flattr.reader=" + Uri.EscapeDataString(v.HeaderValue()));
                return await (v.Chance(0.5) ? giver.Session.Http : visitor.Http).SendAsync(request);
            }, FuzzRunner.NeverChanges);
        }

        fuzz.AssertClean();
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
        await Invariants.AssertCountsMatchClicksAsync(App.Database);
    }

    [Fact]
    public async Task The_payment_webhook_with_fuzzed_bodies_and_signatures_never_fails_and_books_nothing()
    {
        var fuzz = new FuzzRunner(App, new FuzzValues(FuzzRunner.Seed(202)), output);
        var v = fuzz.Values;
        using var visitor = App.Visitor();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        for (var i = 0; i < 80; i++)
        {
            var body = v.Next(4) switch
            {
                0 => v.Text(),
                1 => $"{{\"type\":\"payment.succeeded\",\"payment_id\":\"{v.HeaderValue()}\",\"user_id\":{v.Number()},\"amount_cents\":{v.Number()}}}",
                2 => "{\"type\":" + v.Text() + "}",
                _ => "[" + string.Join(',', Enumerable.Range(0, v.Next(50)).Select(_ => v.Number())) + "]",
            };
            var signature = v.Next(3) switch
            {
                0 => v.HeaderValue(),
                1 => $"t={now},v1={Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}",
                _ => $"t={v.Number()},v1={new string('0', 64)},v1=zz",
            };
            await fuzz.SendAsync($"POST /payments/sandbox/webhook ({body.Length} chars, signature '{signature}')", async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/payments/sandbox/webhook")
                {
                    Content = new StringContent(body, Encoding.UTF8, v.Chance(0.8) ? "application/json" : "text/plain"),
                };
                if (v.Chance(0.9))
                {
                    request.Headers.TryAddWithoutValidation("Flattr-Sandbox-Signature", new string(signature.Where(char.IsAscii).ToArray()));
                }

                return await visitor.Http.SendAsync(request);
            }, FuzzRunner.RefusedUnlessSuccess);
        }

        fuzz.AssertClean();
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
    }

    [Fact]
    public async Task Listings_search_profiles_statements_and_verification_with_fuzzed_input_never_fail_and_change_nothing()
    {
        var fuzz = new FuzzRunner(App, new FuzzValues(FuzzRunner.Seed(203)), output);
        var v = fuzz.Values;
        using var member = await App.GiverAsync();
        using var visitor = App.Visitor();
        for (var i = 0; i < 120; i++)
        {
            var path = v.Next(8) switch
            {
                0 => "/browse" + Query(v, "category", "language", "tag", "q", "page"),
                1 => "/search" + Query(v, "q", "page", "category"),
                2 => "/tags/" + Uri.EscapeDataString(v.Text() is { Length: > 0 } t ? t : "x"),
                3 => "/trending" + Query(v, "category", "language"),
                4 => "/profile/" + Uri.EscapeDataString(v.Text() is { Length: > 0 } p ? p : "x"),
                5 => "/me/statements/" + Uri.EscapeDataString(v.Month() is { Length: > 0 } m ? m : "x"),
                6 => "/verify" + Query(v, "token"),
                _ => "/activity" + Query(v, "page"),
            };
            await fuzz.SendAsync("GET " + path, () => (v.Chance(0.5) ? member.Session.Http : visitor.Http).GetAsync(path), FuzzRunner.NeverChanges);
        }

        fuzz.AssertClean();
    }

    [Fact]
    public async Task Unknown_paths_odd_methods_and_hostile_headers_and_cookies_never_fail_and_change_nothing()
    {
        var fuzz = new FuzzRunner(App, new FuzzValues(FuzzRunner.Seed(204)), output);
        var v = fuzz.Values;
        using var member = await App.GiverAsync();
        var thing = await App.CreateThingAsync(member.User);
        using var visitor = App.Visitor();
        string[] paths =
        [
            "/", "/me", "/dashboard", "/signin", "/signup", $"/things/{thing}", $"/things/{thing}/edit", $"/things/{thing}/flattr", "/things/new",
            "/button/confirm", "/payments/sandbox/webhook", "/language", "/signout", "/live", "/live/negotiate", "/health", "/status", "/error",
        ];
        HttpMethod[] methods = [HttpMethod.Get, HttpMethod.Head, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Options, new("PROPFIND"), new("TRACE")];
        for (var i = 0; i < 120; i++)
        {
            var path = v.Chance(0.7)
                ? v.Pick(paths)
                : "/" + string.Join('/', Enumerable.Range(0, 1 + v.Next(4)).Select(_ => Uri.EscapeDataString(v.Text() is { Length: > 0 } s ? s : "_")));
            var method = v.Chance(0.6) ? v.Pick(methods) : HttpMethod.Get;
            await fuzz.SendAsync($"{method} {path}", async () =>
            {
                using var request = new HttpRequestMessage(method, path.Length > 8000 ? path[..8000] : path);
                if (v.Chance(0.4))
                {
                    request.Headers.TryAddWithoutValidation("Accept-Language", v.HeaderValue());
                }

                if (v.Chance(0.4))
                {
                    request.Headers.TryAddWithoutValidation("Cookie", v.Pick(new[] { ".AspNetCore.Culture", "flattr.session", "flattr.antiforgery", ".AspNetCore.Mvc.CookieTempDataProvider" })
                        + "=" + Uri.EscapeDataString(v.HeaderValue()));
                }

                if (v.Chance(0.3))
                {
                    request.Headers.TryAddWithoutValidation(v.Pick(new[] { "Accept", "Origin", "Referer", "Sec-Fetch-Site", "X-Forwarded-For", "Range" }), v.HeaderValue());
                }

                if (method != HttpMethod.Get && method != HttpMethod.Head && v.Chance(0.5))
                {
                    request.Content = new StringContent(v.Text(), Encoding.UTF8);
                    request.Content.Headers.Remove("Content-Type");
                    request.Content.Headers.TryAddWithoutValidation("Content-Type",
                        v.Pick(new[] { "application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "multipart/form-data", "text/plain", v.HeaderValue() }));
                }

                return await (v.Chance(0.5) ? member.Session.Http : visitor.Http).SendAsync(request);
            }, FuzzRunner.NeverChanges);
        }

        fuzz.AssertClean();
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
    }

    /// <summary>A query string where each named parameter is present with a fuzzed value, or absent.</summary>
    static string Query(FuzzValues v, params string[] names) =>
        QueryString.Create(names.Where(_ => v.Chance(0.6)).Select(n => new KeyValuePair<string, string?>(n, n switch
        {
            "url" => v.Url(),
            "thing" or "page" => v.Number(),
            "month" => v.Month(),
            _ => v.Text(),
        }))).ToString();

}
