using System.Net;
using System.Text.Json.Nodes;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.OAuth;

/// <summary>
/// What the authorization server does besides the code flow, on OpenIddict: its discovery document (RFC 8414), refresh tokens
/// for applications that ask for <c>offline_access</c>, revocation (RFC 7009) and introspection (RFC 7662) by the application.
/// </summary>
public sealed class TokenLifecycleTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_discovery_document_lists_the_endpoints_grants_and_scopes()
    {
        using var client = host.Client();

        var document = await (await client.GetAsync("/.well-known/oauth-authorization-server")).AssertOkAsync();

        Assert.EndsWith("/oauth/authorize", (string?)document["authorization_endpoint"], StringComparison.Ordinal);
        Assert.EndsWith("/oauth/token", (string?)document["token_endpoint"], StringComparison.Ordinal);
        Assert.EndsWith("/oauth/revoke", (string?)document["revocation_endpoint"], StringComparison.Ordinal);
        Assert.EndsWith("/oauth/introspect", (string?)document["introspection_endpoint"], StringComparison.Ordinal);
        Assert.Equal(["S256"], Strings(document["code_challenge_methods_supported"]));
        Assert.Equal(["authorization_code", "refresh_token"], Strings(document["grant_types_supported"]).Order(StringComparer.Ordinal));
        Assert.Equal(["code"], Strings(document["response_types_supported"]));
        Assert.Superset(new HashSet<string>(["flattr", "thing", "email", "extendedread", "offline_access"]), Strings(document["scopes_supported"]).ToHashSet());
    }

    [Fact]
    public async Task An_app_that_asks_for_offline_access_refreshes_its_token_and_the_new_one_acts_for_the_user()
    {
        var app = await OAuthFlow.RegisterAsync(host, await host.CreateUserAsync("dev", withPassword: true));
        var (code, verifier, user) = await AuthorizeAsync(app, "flattr offline_access");
        using var appServer = host.Client();
        var first = await (await OAuthFlow.ExchangeAsync(appServer, app, code, verifier)).AssertOkAsync();
        var refreshToken = (string?)first["refresh_token"];
        Assert.False(string.IsNullOrEmpty(refreshToken), first.ToJsonString());

        var refreshed = await (await appServer.SendAsync(TokenRequest(app, ("grant_type", "refresh_token"), ("refresh_token", refreshToken!)))).AssertOkAsync();

        // An hour from when it was issued; OpenIddict counts the seconds left when it answers, so a second may have passed.
        Assert.InRange((int)refreshed["expires_in"]!, 3590, 3600);
        Assert.NotEqual((string?)first["access_token"], (string?)refreshed["access_token"]);
        using var api = host.Client((string)refreshed["access_token"]!);
        Assert.Equal(user.Username, (string?)(await (await api.GetAsync("/rest/v2/user")).AssertOkAsync())["username"]);
    }

    [Fact]
    public async Task An_app_that_does_not_ask_for_offline_access_gets_no_refresh_token_and_a_token_that_does_not_expire()
    {
        var app = await OAuthFlow.RegisterAsync(host, await host.CreateUserAsync("dev", withPassword: true));
        var (code, verifier, _) = await AuthorizeAsync(app, "flattr");
        using var appServer = host.Client();

        var token = await (await OAuthFlow.ExchangeAsync(appServer, app, code, verifier)).AssertOkAsync();

        Assert.Null(token["refresh_token"]);
        Assert.Null(token["expires_in"]);
        Assert.Equal("flattr", (string?)token["scope"]);
    }

    [Fact]
    public async Task An_access_token_the_app_revokes_no_longer_works_on_the_api()
    {
        var app = await OAuthFlow.RegisterAsync(host, await host.CreateUserAsync("dev", withPassword: true));
        var (code, verifier, _) = await AuthorizeAsync(app, "flattr");
        using var appServer = host.Client();
        var accessToken = (string)(await (await OAuthFlow.ExchangeAsync(appServer, app, code, verifier)).AssertOkAsync())["access_token"]!;
        using var api = host.Client(accessToken);
        await (await api.GetAsync("/rest/v2/user")).AssertOkAsync();

        var revoked = await appServer.SendAsync(TokenRequest(app, "/oauth/revoke", ("token", accessToken), ("token_type_hint", "access_token")));

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await (await api.GetAsync("/rest/v2/user")).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Introspection_tells_the_app_its_token_is_active_with_its_scopes_and_inactive_once_revoked()
    {
        var app = await OAuthFlow.RegisterAsync(host, await host.CreateUserAsync("dev", withPassword: true));
        var (code, verifier, user) = await AuthorizeAsync(app, "thing email");
        using var appServer = host.Client();
        var accessToken = (string)(await (await OAuthFlow.ExchangeAsync(appServer, app, code, verifier)).AssertOkAsync())["access_token"]!;

        var active = await (await appServer.SendAsync(TokenRequest(app, "/oauth/introspect", ("token", accessToken)))).AssertOkAsync();
        await (await appServer.SendAsync(TokenRequest(app, "/oauth/revoke", ("token", accessToken)))).AssertOkAsync();
        var inactive = await (await appServer.SendAsync(TokenRequest(app, "/oauth/introspect", ("token", accessToken)))).AssertOkAsync();

        Assert.True((bool?)active["active"], active.ToJsonString());
        Assert.True(app.ClientId == (string?)active["client_id"], active.ToJsonString());
        Assert.True(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == (string?)active["sub"], active.ToJsonString());
        Assert.False((bool?)inactive["active"], inactive.ToJsonString());
        Assert.Null(inactive["client_id"]);
    }

    async Task<(string Code, string Verifier, TestUser User)> AuthorizeAsync(OAuthFlow.App app, string scope)
    {
        var user = await host.CreateUserAsync(withPassword: true);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(user);
        var (verifier, challenge) = OAuthFlow.Pkce();
        var redirect = await OAuthFlow.DecideAsync(browser, OAuthFlow.AuthorizePath(app, scope, challenge), "allow");
        return (OAuthFlow.Parameter(redirect, "code")!, verifier, user);
    }

    static HttpRequestMessage TokenRequest(OAuthFlow.App app, params (string Name, string Value)[] fields) =>
        TokenRequest(app, "/oauth/token", fields);

    /// <summary>A confidential application's request to one of the server's endpoints, authenticated with HTTP Basic.</summary>
    static HttpRequestMessage TokenRequest(OAuthFlow.App app, string path, params (string Name, string Value)[] fields) =>
        new(HttpMethod.Post, path) { Headers = { Authorization = Http.Basic(app.ClientId, app.ClientSecret!) }, Content = Http.Form(fields) };

    static List<string> Strings(JsonNode? array) => [.. (array?.AsArray() ?? []).Select(n => (string)n!)];
}
