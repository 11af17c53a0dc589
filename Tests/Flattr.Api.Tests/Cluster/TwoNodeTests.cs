using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Flattr.Api.Tests.Hosting;
using Flattr.Api.Tests.OAuth;

namespace Flattr.Api.Tests.Cluster;

/// <summary>
/// What one node issues or counts, the other honours: cookies and antiforgery tokens (one data protection key ring, in
/// PostgreSQL), sign-in and API limits (one counter per partition for the cluster), idempotency keys and OAuth tokens (read from
/// PostgreSQL by whichever node gets the request).
/// </summary>
public sealed partial class TwoNodeTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task A_session_cookie_issued_by_one_node_signs_the_user_in_on_the_other()
    {
        var user = await nodes.CreateUserAsync();
        var cookies = new CookieContainer();
        using var first = nodes.BrowserClient(0, cookies);
        using var second = nodes.BrowserClient(1, cookies);
        using var stranger = nodes.BrowserClient(1, new CookieContainer());

        await first.SignInAsync(user);
        var me = await second.GetAsync("/me");
        var anonymous = await stranger.GetAsync("/me");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains(user.Username, await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        // The nodes share the key that signed the cookie through the database (not, say, a key directory both happen to read).
        Assert.True(await nodes.ScalarAsync("SELECT count(*) FROM data_protection_keys WHERE friendly_name LIKE 'key-%'") >= 1);
    }

    [Fact]
    public async Task Signing_out_on_one_node_ends_the_session_on_the_other_within_seconds()
    {
        var user = await nodes.CreateUserAsync();
        var cookies = new CookieContainer();
        using var first = nodes.BrowserClient(0, cookies);
        await first.SignInAsync(user);
        var cookie = cookies.GetCookies(nodes.Nodes[0])["flattr.session"]!.Value;
        Assert.Equal(HttpStatusCode.OK, await MeWithOnlyAsync(1, cookie));

        using var signOut = await first.PostFormAsync("/me", "/signout");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        // At once on the node that ended it; on the other once its few seconds of per-node trust are over (never 14 days).
        Assert.Equal(HttpStatusCode.Redirect, await MeWithOnlyAsync(0, cookie));
        await Flattr.Testing.Eventually.TrueAsync(async () => await MeWithOnlyAsync(1, cookie) == HttpStatusCode.Redirect,
            "the other node refuses the ended session");
    }

    /// <summary>/me on the node with only this session cookie (no cookie jar: a cookie the app deleted is sent all the same).</summary>
    async Task<HttpStatusCode> MeWithOnlyAsync(int node, string sessionCookie)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = nodes.Nodes[node] };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Add("Cookie", "flattr.session=" + sessionCookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task An_antiforgery_token_issued_by_one_node_is_accepted_by_the_other()
    {
        var user = await nodes.CreateUserAsync();
        var cookies = new CookieContainer();
        using var first = nodes.BrowserClient(0, cookies);
        using var second = nodes.BrowserClient(1, cookies);
        var form = await first.GetStringAsync("/signin");

        var forged = await second.PostAsync("/signin", Http.Form(
            ("Login", user.Username), ("Password", user.Password), ("__RequestVerificationToken", "not-a-token")));
        var signedIn = await second.PostAsync("/signin", Http.Form(
            ("Login", user.Username), ("Password", user.Password), ("__RequestVerificationToken", Http.AntiforgeryToken(form))));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/me")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_on_one_account_spread_over_both_nodes_hit_the_limit_at_its_count_in_total()
    {
        var user = await nodes.CreateUserAsync();
        var cookies = new CookieContainer();
        using var first = nodes.BrowserClient(0, cookies);
        using var second = nodes.BrowserClient(1, cookies);
        var token = Http.AntiforgeryToken(await first.GetStringAsync("/signin"));
        await TwoNodes.AwayFromWindowEndAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= TwoNodes.SignInAttemptsPerAccount; i++)
        {
            var node = i % 2 == 0 ? first : second;
            using var response = await node.PostAsync("/signin", Http.Form(
                ("Login", user.Username), ("Password", "wrong " + i.ToString(CultureInfo.InvariantCulture)), ("__RequestVerificationToken", token)));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, TwoNodes.SignInAttemptsPerAccount), HttpStatusCode.TooManyRequests], statuses);
        // The right password, on either node, waits for the window too.
        var right = await first.PostAsync("/signin", Http.Form(
            ("Login", user.Username), ("Password", user.Password), ("__RequestVerificationToken", token)));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.False(string.IsNullOrEmpty(right.Header("Retry-After")));
    }

    [Fact]
    public async Task A_tokens_hourly_limit_counts_requests_to_both_nodes_together()
    {
        var user = await nodes.CreateUserAsync();
        var token = await nodes.TokenAsync(user);
        using var first = nodes.Client(0, token);
        using var second = nodes.Client(1, token);
        await TwoNodes.AwayFromWindowEndAsync();

        var remaining = new List<string>();
        for (var i = 0; i < TwoNodes.TokenRequestsPerHour; i++)
        {
            var response = await (i % 2 == 0 ? first : second).GetAsync("/rest/v2/categories");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            remaining.Add(response.Header("X-RateLimit-Remaining"));
        }

        var refusedHere = await first.GetAsync("/rest/v2/categories");
        var refusedThere = await second.GetAsync("/rest/v2/categories");
        var window = await (await second.GetAsync("/rest/v2/rate_limit")).AssertOkAsync();

        Assert.Equal(["4", "3", "2", "1", "0"], remaining);
        await refusedHere.AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        await refusedThere.AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.InRange(int.Parse(refusedThere.Header("Retry-After"), CultureInfo.InvariantCulture), 1, 3600);
        Assert.Equal("5", refusedThere.Header("X-RateLimit-Current"));
        Assert.Equal(0, (int)window["remaining_hits"]!);
    }

    [Fact]
    public async Task A_givers_flattrs_spread_over_both_nodes_hit_the_per_minute_limit_at_its_count_in_total()
    {
        var creator = await nodes.CreateUserAsync("creator");
        var things = new List<long>();
        for (var i = 0; i <= TwoNodes.FlattrsPerMinute; i++)
        {
            things.Add(await nodes.CreateThingAsync(creator));
        }

        var giver = await nodes.CreateGiverAsync();
        var cookies = new CookieContainer();
        using var first = nodes.BrowserClient(0, cookies);
        using var second = nodes.BrowserClient(1, cookies);
        await first.SignInAsync(giver);
        var token = AntiforgeryMeta().Match(await first.GetStringAsync($"/things/{things[0]}")).Groups[1].Value;
        await TwoNodes.AwayFromWindowEndAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < things.Count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/things/{things[i]}/flattr");
            request.Headers.Add("X-Flattr-Antiforgery", token);
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await (i % 2 == 0 ? first : second).SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, TwoNodes.FlattrsPerMinute), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(TwoNodes.FlattrsPerMinute, await nodes.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1", giver.Id));
    }

    [Fact]
    public async Task An_idempotency_key_used_on_one_node_replays_the_first_answer_on_the_other()
    {
        var thing = await nodes.CreateThingAsync(await nodes.CreateUserAsync("creator"));
        var giver = await nodes.CreateGiverAsync();
        var token = await nodes.TokenAsync(giver, "flattr");
        using var first = nodes.Client(0, token);
        using var second = nodes.Client(1, token);
        var key = Guid.NewGuid().ToString();

        var original = await first.SendAsync(Http.Request(HttpMethod.Post, $"/rest/v2/things/{thing}/flattr", null, key));
        var retry = await second.SendAsync(Http.Request(HttpMethod.Post, $"/rest/v2/things/{thing}/flattr", null, key));

        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(await original.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, await nodes.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2", giver.Id, thing));
    }

    [Fact]
    public async Task An_oauth_code_granted_on_one_node_is_exchanged_on_the_other_and_its_token_works_on_both()
    {
        var developer = await nodes.CreateUserAsync("developer");
        var user = await nodes.CreateUserAsync("reader");
        var app = await RegisterAppAsync(developer);
        var (verifier, challenge) = OAuthFlow.Pkce();
        using var browser = nodes.BrowserClient(0, new CookieContainer());
        await browser.SignInAsync(user);
        var redirect = await OAuthFlow.DecideAsync(browser, OAuthFlow.AuthorizePath(app, "flattr", challenge), "allow");
        var code = OAuthFlow.Parameter(redirect, "code")!;

        using var tokenClient = nodes.Client(1);
        var issued = await (await OAuthFlow.ExchangeAsync(tokenClient, app, code, verifier)).AssertOkAsync();
        var accessToken = (string)issued["access_token"]!;
        using var first = nodes.Client(0, accessToken);
        using var second = nodes.Client(1, accessToken);

        Assert.Equal(user.Username, (string?)(await (await first.GetAsync("/rest/v2/user")).AssertOkAsync())["username"]);
        Assert.Equal(user.Username, (string?)(await (await second.GetAsync("/rest/v2/user")).AssertOkAsync())["username"]);

        // The code was redeemed in the database: the other node refuses it too (and revokes what it gave).
        using var replayClient = nodes.Client(0);
        await (await OAuthFlow.ExchangeAsync(replayClient, app, code, verifier)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
        await (await second.GetAsync("/rest/v2/user")).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_refresh_token_from_one_node_refreshes_on_the_other_and_a_revocation_on_either_counts_on_both()
    {
        var user = await nodes.CreateUserAsync("reader");
        var app = await RegisterAppAsync(await nodes.CreateUserAsync("developer"));
        var (verifier, challenge) = OAuthFlow.Pkce();
        using var browser = nodes.BrowserClient(1, new CookieContainer());
        await browser.SignInAsync(user);
        var redirect = await OAuthFlow.DecideAsync(browser, OAuthFlow.AuthorizePath(app, "flattr offline_access", challenge), "allow");
        using var firstServer = nodes.Client(0);
        using var secondServer = nodes.Client(1);
        var issued = await (await OAuthFlow.ExchangeAsync(firstServer, app, OAuthFlow.Parameter(redirect, "code")!, verifier)).AssertOkAsync();

        var refreshed = await (await secondServer.SendAsync(AppRequest(app, "/oauth/token",
            ("grant_type", "refresh_token"), ("refresh_token", (string)issued["refresh_token"]!)))).AssertOkAsync();
        var accessToken = (string)refreshed["access_token"]!;
        using var onFirst = nodes.Client(0, accessToken);
        using var onSecond = nodes.Client(1, accessToken);
        await (await onFirst.GetAsync("/rest/v2/user")).AssertOkAsync();
        await (await firstServer.SendAsync(AppRequest(app, "/oauth/revoke", ("token", accessToken)))).AssertOkAsync();

        await (await onSecond.GetAsync("/rest/v2/user")).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await onFirst.GetAsync("/rest/v2/user")).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    static HttpRequestMessage AppRequest(OAuthFlow.App app, string path, params (string Name, string Value)[] fields) =>
        new(HttpMethod.Post, path) { Headers = { Authorization = Http.Basic(app.ClientId, app.ClientSecret!) }, Content = Http.Form(fields) };

    /// <summary>Registers an application on node 1's settings page, as <see cref="OAuthFlow.RegisterAsync"/> does on one host.</summary>
    async Task<OAuthFlow.App> RegisterAppAsync(TestUser developer)
    {
        using var browser = nodes.BrowserClient(1, new CookieContainer());
        await browser.SignInAsync(developer);
        var response = await browser.PostFormAsync("/settings/applications", "/settings/applications?handler=Register",
            ("Name", "Podcast Player"), ("RedirectUri", OAuthFlow.RedirectUri), ("Confidential", "true"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        return new OAuthFlow.App(Http.ElementText(page, "new-client-id")!, Http.ElementText(page, "new-client-secret"));
    }

    [GeneratedRegex("<meta name=\"flattr-antiforgery\" content=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryMeta();
}
