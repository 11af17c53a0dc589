using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Flattr.Api;
using Flattr.Faults.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Flattr.Faults.Tests.Fuzz;

/// <summary>
/// The REST API and the OAuth endpoints fuzzed: every route with random path values, query parameters, bodies (JSON of any
/// shape, form fields, garbage, wrong media types), tokens (valid, forged, missing) and idempotency keys. Never a 5xx; reads
/// change nothing; refused writes change nothing (a kept answer under an idempotency key is bookkeeping, by design).
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class ApiFuzzTests(FaultsApp app, ITestOutputHelper output) : LedgerAuditedTests(app)
{
    static readonly string[] Fields = ["url", "title", "description", "category", "language", "tags", "hidden", "months", "anonymous", "full", "count"];

    [Fact]
    public async Task Api_reads_with_fuzzed_paths_queries_and_tokens_never_fail_and_change_nothing()
    {
        var fuzz = new FuzzRunner(App, new FuzzValues(FuzzRunner.Seed(401)), output, "api_idempotency_keys");
        var v = fuzz.Values;
        var (member, token, things) = await WorldAsync();
        using var api = App.ApiClient();
        for (var i = 0; i < 150; i++)
        {
            var name = Uri.EscapeDataString(v.Chance(0.4) ? member.Username : v.Text() is { Length: > 0 } t ? t : "x");
            var ids = v.Chance(0.5) ? v.Id(things) : string.Join(',', Enumerable.Range(0, v.Next(120)).Select(_ => v.Id(things)));
            var path = v.Next(12) switch
            {
                0 => $"/rest/v2/users/{name}",
                1 => $"/rest/v2/users/{name}/things" + Query(v, "page", "count", "full"),
                2 => $"/rest/v2/things/{Uri.EscapeDataString(ids)}" + Query(v, "full"),
                3 => "/rest/v2/things/lookup" + Query(v, "url", "q"),
                4 => "/rest/v2/things/search" + Query(v, "query", "tags", "url", "language", "category", "user", "sort", "page", "count", "full"),
                5 => $"/rest/v2/things/{Uri.EscapeDataString(v.Id(things))}/flattrs" + Query(v, "page", "count", "full"),
                6 => $"/rest/v2/users/{name}/flattrs" + Query(v, "page", "count"),
                7 => $"/rest/v2/users/{name}/activities" + Query(v, "type", "page"),
                8 => v.Pick(new[] { "/rest/v2/user", "/rest/v2/user/things", "/rest/v2/user/flattrs", "/rest/v2/user/subscriptions" }) + Query(v, "page", "count", "full"),
                9 => "/rest/v2/user/activities" + Query(v, "type"),
                10 => v.Pick(new[] { "/rest/v2/categories", "/rest/v2/languages", "/rest/v2/rate_limit", "/rest/v2/openapi.json" }),
                _ => "/oauth/authorize" + Query(v, "response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"),
            };
            await fuzz.SendAsync("GET " + path, () => api.Http.SendAsync(Request(v, HttpMethod.Get, path, token)), FuzzRunner.NeverChanges);
        }

        fuzz.AssertClean();
    }

    [Fact]
    public async Task Api_writes_with_fuzzed_bodies_tokens_and_idempotency_keys_never_fail_and_refusals_change_nothing()
    {
        // The click path registers the open month (a calendar row) before it judges a click, so a refused first flattr of
        // the month may add it (ClickSql.EnsureMonths); nothing else of a refusal may stay.
        var fuzz = new FuzzRunner(App, new FuzzValues(FuzzRunner.Seed(402)), output, "api_idempotency_keys", "months");
        var v = fuzz.Values;
        var (_, token, things) = await WorldAsync();
        using var api = App.ApiClient();
        for (var i = 0; i < 200; i++)
        {
            var id = Uri.EscapeDataString(v.Id(things));
            var (method, path) = v.Next(9) switch
            {
                0 => (HttpMethod.Post, "/rest/v2/things"),
                1 => (HttpMethod.Post, $"/rest/v2/things/{id}"),
                2 => (HttpMethod.Patch, $"/rest/v2/things/{id}"),
                3 => (HttpMethod.Delete, $"/rest/v2/things/{id}"),
                4 => (HttpMethod.Post, $"/rest/v2/things/{id}/flattr"),
                5 => (HttpMethod.Post, "/rest/v2/flattr"),
                6 => (v.Pick(new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete }), $"/rest/v2/things/{id}/subscriptions"),
                7 => (HttpMethod.Post, "/oauth/token"),
                _ => (v.Pick(new[] { HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete, HttpMethod.Post }), v.Pick(new[] { "/rest/v2/user", "/rest/v2/categories", "/rest/v2/users/x" })),
            };
            await fuzz.SendAsync($"{method} {path}", () =>
            {
                var request = Request(v, method, path, token);
                request.Content = Body(v);
                if (v.Chance(0.4))
                {
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", v.Chance(0.5) ? "fuzz-" + v.Next(20) : v.HeaderValue());
                }

                return api.Http.SendAsync(request);
            }, FuzzRunner.RefusedUnlessSuccess);
        }

        fuzz.AssertClean();
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
        await Invariants.AssertCountsMatchClicksAsync(App.Database);
    }

    async Task<(Web.Tests.Support.TestUser Member, string Token, List<long> Things)> WorldAsync()
    {
        using var member = await App.GiverAsync();
        using var other = await App.MemberAsync("apifuzzother");
        var token = await App.TokenAsync(member.User, ApiScopes.Flattr, ApiScopes.Thing, ApiScopes.Email, ApiScopes.ExtendedRead);
        var things = new List<long>
        {
            await App.CreateThingAsync(member.User), await App.CreateThingAsync(other.User), await App.CreateThingAsync(other.User, hidden: true),
        };
        return (member.User, token, things);
    }

    /// <summary>The member's token most of the time; otherwise none, a forged one, or a malformed header.</summary>
    static HttpRequestMessage Request(FuzzValues v, HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path.Length > 8000 ? path[..8000] : path);
        var authorization = v.Next(10) switch
        {
            < 6 => "Bearer " + token,
            6 => null,
            7 => "Bearer flattr_pat_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('='),
            8 => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(v.HeaderValue() + ":" + v.HeaderValue())),
            _ => v.HeaderValue(),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    /// <summary>A JSON object of the API's field names with values of any JSON type, form fields, garbage, or nothing.</summary>
    static HttpContent? Body(FuzzValues v)
    {
        switch (v.Next(6))
        {
            case 0:
                return null;
            case 1 or 2:
                var json = new StringBuilder("{");
                foreach (var field in Fields.Where(_ => v.Chance(0.5)))
                {
                    json.Append(JsonSerializer.Serialize(field)).Append(':').Append(JsonValue(v, depth: 0)).Append(',');
                }

                var text = json.ToString().TrimEnd(',') + "}";
                return new StringContent(text, Encoding.UTF8, "application/json");
            case 3:
                return new FormUrlEncodedContent(Fields.Where(_ => v.Chance(0.5)).Select(f => new KeyValuePair<string, string>(f, v.Text()))
                    .Append(new("grant_type", v.Pick(new[] { "authorization_code", "password", "client_credentials", v.Text() })))
                    .Append(new("code", v.HeaderValue())).Append(new("code_verifier", v.Text())).Append(new("client_id", v.Number())));
            case 4:
                var garbage = new StringContent(v.Text(), Encoding.UTF8);
                garbage.Headers.Remove("Content-Type");
                garbage.Headers.TryAddWithoutValidation("Content-Type", v.Pick(new[] { "application/json", "application/x-www-form-urlencoded", "text/xml", "application/json; charset=latin-7", v.HeaderValue() }));
                return garbage;
            default:
                return new StringContent("[" + string.Join(',', Enumerable.Range(0, v.Next(30)).Select(_ => JsonValue(v, 0))) + "]", Encoding.UTF8, "application/json");
        }
    }

    static string JsonValue(FuzzValues v, int depth) => v.Next(depth > 2 ? 5 : 7) switch
    {
        0 => JsonSerializer.Serialize(v.Text()),
        1 => v.Pick(new[] { "0", "-1", "1e400", "9223372036854775808", "3.5", "-0", "12345678901234567890" }),
        2 => v.Chance(0.5) ? "true" : "false",
        3 => "null",
        4 => JsonSerializer.Serialize(v.Url()),
        5 => "[" + string.Join(',', Enumerable.Range(0, v.Next(25)).Select(_ => JsonValue(v, depth + 1))) + "]",
        _ => "{\"a\":" + JsonValue(v, depth + 1) + "}",
    };

    static string Query(FuzzValues v, params string[] names) =>
        QueryString.Create(names.Where(_ => v.Chance(0.6)).Select(n => new KeyValuePair<string, string?>(n, n switch
        {
            "url" or "redirect_uri" => v.Url(),
            "page" or "count" => v.Number(),
            _ => v.Text(),
        }))).ToString();
}
