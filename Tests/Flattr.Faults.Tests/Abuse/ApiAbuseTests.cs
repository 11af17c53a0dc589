using System.Net;
using System.Net.Http.Json;
using Flattr.Api;
using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Abuse;

/// <summary>
/// The REST API (<c>/rest/v2</c>) under the same abuse as the pages: click rules, cookies that must not authenticate it,
/// tokens used beyond their scope, user or life, other users' objects (IDOR), forged auto-submit URLs, reused idempotency
/// keys. Every refusal carries its Flattr error code and changes nothing.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class ApiAbuseTests(FaultsApp app) : LedgerAuditedTests(app)
{
    [Fact]
    public async Task Self_flattr_second_flattr_deleted_and_unknown_things_are_refused_and_change_nothing()
    {
        using var owner = await App.GiverAsync();
        using var giver = await App.GiverAsync();
        var ownerToken = await App.TokenAsync(owner.User, ApiScopes.Flattr);
        var giverToken = await App.TokenAsync(giver.User, ApiScopes.Flattr);
        var thing = await App.CreateThingAsync(owner.User);
        var deleted = await App.CreateThingAsync(owner.User);
        await App.Grains.GetThing(deleted).Delete(owner.Id);
        using var api = App.ApiClient();
        using (var first = await api.Http.SendAsync(WebSession.ApiRequest(HttpMethod.Post, $"/rest/v2/things/{thing}/flattr", giverToken)))
        {
            Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());
        }

        var cases = new (string Token, string Path, HttpStatusCode Status, string Code)[]
        {
            (ownerToken, $"/rest/v2/things/{thing}/flattr", HttpStatusCode.Forbidden, "flattr_owner"),
            (giverToken, $"/rest/v2/things/{thing}/flattr", HttpStatusCode.Forbidden, "flattr_once"),
            (giverToken, "/rest/v2/things/987654321/flattr", HttpStatusCode.NotFound, "not_found"),
        };
        foreach (var (token, path, status, code) in cases)
        {
            await AssertRefusedAsync(api, WebSession.ApiRequest(HttpMethod.Post, path, token), status, code);
        }

        // A deleted thing is "not found" to the API (as on Flattr), "gone" to the pages: refused either way.
        await AssertRefusedAsync(api, WebSession.ApiRequest(HttpMethod.Post, $"/rest/v2/things/{deleted}/flattr", giverToken), HttpStatusCode.NotFound, "not_found");

        await Invariants.AssertCountsMatchClicksAsync(App.Database);
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
    }

    [Fact]
    public async Task A_signed_in_browser_session_never_authenticates_the_api()
    {
        using var owner = await App.MemberAsync("owner");
        using var giver = await App.GiverAsync();
        var thing = await App.CreateThingAsync(owner.User);

        // The browser's cookies ride along (as on a forged cross-site request): the API answers as to nobody.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/rest/v2/things/{thing}/flattr");
        request.Headers.Add(WebSession.TokenHeader, giver.Token);
        await AssertRefusedAsync(giver.Session, request, HttpStatusCode.Unauthorized, "unauthorized");
        using var self = await giver.Session.Http.GetAsync("/rest/v2/user");
        Assert.Equal(HttpStatusCode.Unauthorized, self.StatusCode);
        Tally.Check();
    }

    [Fact]
    public async Task Tokens_act_only_within_their_scope_their_user_and_their_life()
    {
        using var victim = await App.GiverAsync();
        using var attacker = await App.GiverAsync();
        var visible = await App.CreateThingAsync(victim.User);
        var hidden = await App.CreateThingAsync(victim.User, hidden: true);
        var readOnly = await App.TokenAsync(attacker.User, ApiScopes.ExtendedRead);
        var attackerToken = await App.TokenAsync(attacker.User, ApiScopes.Flattr, ApiScopes.Thing, ApiScopes.ExtendedRead);
        var revoked = await App.Grains.GetAccessTokens(attacker.Id).CreatePersonal("revoked", [ApiScopes.Flattr]);
        await App.Grains.GetAccessTokens(attacker.Id).Revoke(revoked.Token.Id);
        using var api = App.ApiClient();

        await AssertRefusedAsync(api, WebSession.ApiRequest(HttpMethod.Post, $"/rest/v2/things/{visible}/flattr", readOnly), HttpStatusCode.Forbidden, "insufficient_scope");
        await AssertRefusedAsync(api, WebSession.ApiRequest(HttpMethod.Post, $"/rest/v2/things/{visible}/flattr", revoked.Secret), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertRefusedAsync(api, WebSession.ApiRequest(HttpMethod.Post, $"/rest/v2/things/{visible}/flattr", "flattr_pat_" + new string('A', 43)),
            HttpStatusCode.Unauthorized, "unauthorized");

        // Someone else's thing: not changed, not deleted, and hidden ones are not there at all.
        var patch = WebSession.ApiRequest(HttpMethod.Patch, $"/rest/v2/things/{visible}", attackerToken);
        patch.Content = JsonContent.Create(new { title = "Taken over by someone else", hidden = true });
        await AssertRefusedAsync(api, patch, HttpStatusCode.Forbidden, "forbidden");
        await AssertRefusedAsync(api, WebSession.ApiRequest(HttpMethod.Delete, $"/rest/v2/things/{visible}", attackerToken), HttpStatusCode.Forbidden, "forbidden");
        await AssertRefusedAsync(api, WebSession.ApiRequest(HttpMethod.Get, $"/rest/v2/things/{hidden}", attackerToken), HttpStatusCode.NotFound, "not_found");
        using (var listing = await api.Http.SendAsync(WebSession.ApiRequest(HttpMethod.Get, $"/rest/v2/users/{victim.User.Username}/things?count=100", attackerToken)))
        {
            var body = await listing.Content.ReadAsStringAsync();
            Assert.Contains($"\"id\":{visible}", body, StringComparison.Ordinal);
            Assert.DoesNotContain($"\"id\":{hidden}", body, StringComparison.Ordinal);
        }

        // The victim's anonymous flattr is theirs alone.
        using var owner = await App.MemberAsync("owner");
        var other = await App.CreateThingAsync(owner.User);
        var victimToken = await App.TokenAsync(victim.User, ApiScopes.Flattr);
        var anonymous = WebSession.ApiRequest(HttpMethod.Post, $"/rest/v2/things/{other}/flattr", victimToken);
        anonymous.Content = JsonContent.Create(new { anonymous = true });
        using (var flattr = await api.Http.SendAsync(anonymous))
        {
            Assert.True(flattr.IsSuccessStatusCode);
        }

        foreach (var path in new[] { $"/rest/v2/things/{other}/flattrs", $"/rest/v2/users/{victim.User.Username}/flattrs", $"/rest/v2/users/{victim.User.Username}/activities" })
        {
            using var response = await api.Http.SendAsync(WebSession.ApiRequest(HttpMethod.Get, path, attackerToken));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain($"\"username\":\"{victim.User.Username}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var self = await api.Http.SendAsync(WebSession.ApiRequest(HttpMethod.Get, "/rest/v2/user", attackerToken)))
        {
            Assert.Contains($"\"username\":\"{attacker.User.Username}\"", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Tally.Check(3);
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
    }

    [Fact]
    public async Task A_forged_auto_submit_url_through_the_api_gives_the_forger_nothing()
    {
        using var victim = await App.MemberAsync("victim");
        using var attacker = await App.MemberAsync("attacker");
        using var giver = await App.GiverAsync();
        var path = $"/{Guid.NewGuid():N}";
        var thing = await App.CreateThingAsync(victim.User, url: "https://victim.example.org" + path);
        var token = await App.TokenAsync(giver.User, ApiScopes.Flattr);
        var forged = new Uri(App.BaseUri, "/submit/auto" + Microsoft.AspNetCore.Http.QueryString.Create(new Dictionary<string, string?>
        {
            // The same page, spelled with an upper-case host and the default port.
            ["user_id"] = attacker.User.Username, ["url"] = "https://VICTIM.EXAMPLE.ORG:443" + path, ["title"] = "Mine now",
        })).ToString();
        using var api = App.ApiClient();
        var request = WebSession.ApiRequest(HttpMethod.Post, "/rest/v2/flattr", token);
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["url"] = forged });
        using (var response = await api.Http.SendAsync(request))
        {
            // Either refused ("owner mismatch") or the flattr of the real owner's thing: never a thing of the forger's.
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest || body.Contains($"\"id\":{thing}", StringComparison.Ordinal), body);
        }

        await using var command = App.Database.CreateCommand($"SELECT count(*) FROM things WHERE owner_id = {attacker.Id}");
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        Tally.Check();
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
    }

    [Fact]
    public async Task An_idempotency_key_reused_for_another_request_is_refused_and_runs_nothing()
    {
        using var owner = await App.MemberAsync("owner");
        using var giver = await App.GiverAsync();
        var first = await App.CreateThingAsync(owner.User);
        var second = await App.CreateThingAsync(owner.User);
        var token = await App.TokenAsync(giver.User, ApiScopes.Flattr);
        var key = "reused-" + Guid.NewGuid().ToString("N");
        using var api = App.ApiClient();
        using (var response = await api.Http.SendAsync(WebSession.ApiRequest(HttpMethod.Post, $"/rest/v2/things/{first}/flattr", token, key)))
        {
            Assert.True(response.IsSuccessStatusCode);
        }

        await AssertRefusedAsync(api, WebSession.ApiRequest(HttpMethod.Post, $"/rest/v2/things/{second}/flattr", token, key),
            HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        await Invariants.AssertCountsMatchClicksAsync(App.Database);
    }

    async Task AssertRefusedAsync(WebSession client, HttpRequestMessage request, HttpStatusCode status, string code)
    {
        using (request)
        {
            var before = await App.FingerprintAsync();
            using var response = await client.Http.SendAsync(request);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(code, await WebSession.ErrorCodeAsync(response));
            Assert.Equal(before, await App.FingerprintAsync());
            Tally.Check();
        }
    }
}
