using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.OAuth;

/// <summary>
/// OAuth clients written for Flattr's API before PKCE existed, with the exact requests python-flattr 0.2 sends: a consent URL
/// with comma-separated scopes and no <c>state</c> or challenge, then a form-encoded token request authenticated with HTTP
/// Basic and no <c>code_verifier</c>. They work for a confidential application whose owner made PKCE optional, and only there.
/// </summary>
public sealed class LegacyClientTests(ApiHost host) : IClassFixture<ApiHost>
{
    const string LegacyScopes = "flattr,thing,email,extendedread";

    [Fact]
    public async Task Python_flattr_gets_a_token_for_an_app_whose_owner_allowed_it_without_pkce()
    {
        var developer = await host.CreateUserAsync("dev", withPassword: true);
        var app = await OAuthFlow.RegisterAsync(host, developer);
        var settings = await SetPkceOptionalAsync(developer, app, optional: true);
        var user = await host.CreateUserAsync("reader", withPassword: true);

        var code = await ConsentAsync(user, PythonFlattrAuthorizeUrl(app));
        using var appServer = host.Client();
        var exchange = await appServer.SendAsync(PythonFlattrTokenRequest(app, code));

        Assert.Contains("data-pkce=\"optional\"", settings, StringComparison.Ordinal);
        Assert.Contains("id=\"pkce-explanation\"", settings, StringComparison.Ordinal);
        var token = await exchange.AssertOkAsync();
        Assert.Equal("flattr thing email extendedread", (string?)token["scope"]);
        Assert.Equal("bearer", (string?)token["token_type"]);
        using var api = host.Client((string)token["access_token"]!);
        var self = await (await api.GetAsync("/rest/v2/user")).AssertOkAsync();
        Assert.Equal(user.Username, (string?)self["username"]);
        Assert.NotNull(self["email"]);
    }

    [Fact]
    public async Task Python_flattr_is_refused_by_an_app_with_the_default_settings()
    {
        var developer = await host.CreateUserAsync("dev", withPassword: true);
        var app = await OAuthFlow.RegisterAsync(host, developer);
        var user = await host.CreateUserAsync(withPassword: true);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(user);

        var authorize = await browser.GetAsync(PythonFlattrAuthorizeUrl(app));

        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        Assert.StartsWith(OAuthFlow.RedirectUri, authorize.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request", OAuthFlow.Parameter(authorize.Headers.Location!, "error"));
        Assert.Null(OAuthFlow.Parameter(authorize.Headers.Location!, "code"));

        // Even with a code obtained with PKCE, the library's token request (no verifier) is refused.
        var (_, challenge) = OAuthFlow.Pkce();
        var redirect = await OAuthFlow.DecideAsync(browser, OAuthFlow.AuthorizePath(app, LegacyScopes, challenge), "allow");
        var code = OAuthFlow.Parameter(redirect, "code")!;
        using var appServer = host.Client();
        await (await appServer.SendAsync(PythonFlattrTokenRequest(app, code))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(0, await OAuthFlow.AccessTokensOfAsync(host, user));
    }

    [Fact]
    public async Task A_public_client_without_pkce_is_refused_and_cannot_be_allowed_to_go_without()
    {
        var developer = await host.CreateUserAsync("dev", withPassword: true);
        var app = await OAuthFlow.RegisterAsync(host, developer, confidential: false);
        var user = await host.CreateUserAsync(withPassword: true);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(user);

        var authorize = await browser.GetAsync(PythonFlattrAuthorizeUrl(app));
        var setting = await SetPkceOptionalAsync(developer, app, optional: true);

        Assert.Equal("invalid_request", OAuthFlow.Parameter(authorize.Headers.Location!, "error"));
        Assert.DoesNotContain("data-pkce=", setting, StringComparison.Ordinal);
        Assert.Contains("always needs PKCE", setting, StringComparison.Ordinal);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM oauth_apps WHERE client_id = $1 AND pkce_optional", app.ClientId));
        var (_, challenge) = OAuthFlow.Pkce();
        var redirect = await OAuthFlow.DecideAsync(browser, OAuthFlow.AuthorizePath(app, "flattr", challenge), "allow");
        using var appServer = host.Client();
        var withoutVerifier = await appServer.PostAsync("/oauth/token", Http.Form(("grant_type", "authorization_code"),
            ("code", OAuthFlow.Parameter(redirect, "code")!), ("redirect_uri", OAuthFlow.RedirectUri), ("client_id", app.ClientId)));
        await withoutVerifier.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(0, await OAuthFlow.AccessTokensOfAsync(host, user));
    }

    [Fact]
    public async Task A_challenge_at_authorize_needs_its_verifier_at_the_token_endpoint_even_where_pkce_is_optional()
    {
        var developer = await host.CreateUserAsync("dev", withPassword: true);
        var app = await OAuthFlow.RegisterAsync(host, developer);
        await SetPkceOptionalAsync(developer, app, optional: true);
        var user = await host.CreateUserAsync(withPassword: true);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(user);
        var (verifier, challenge) = OAuthFlow.Pkce();
        var redirect = await OAuthFlow.DecideAsync(browser, OAuthFlow.AuthorizePath(app, "flattr", challenge), "allow");
        var code = OAuthFlow.Parameter(redirect, "code")!;
        using var appServer = host.Client();

        var downgrade = await appServer.SendAsync(PythonFlattrTokenRequest(app, code));
        var tokensAfterDowngrade = await OAuthFlow.AccessTokensOfAsync(host, user);
        var withVerifier = await OAuthFlow.ExchangeAsync(appServer, app, code, verifier);

        // OpenIddict's code for a missing verifier is invalid_request; a refused exchange leaves the code to its client.
        await downgrade.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(0, tokensAfterDowngrade);
        await withVerifier.AssertOkAsync();
    }

    [Fact]
    public async Task A_code_issued_without_a_challenge_needs_the_secret_and_refuses_a_verifier()
    {
        var developer = await host.CreateUserAsync("dev", withPassword: true);
        var app = await OAuthFlow.RegisterAsync(host, developer);
        await SetPkceOptionalAsync(developer, app, optional: true);
        var user = await host.CreateUserAsync(withPassword: true);
        var code = await ConsentAsync(user, PythonFlattrAuthorizeUrl(app));
        using var appServer = host.Client();

        var withoutSecret = await appServer.PostAsync("/oauth/token", Http.Form(("grant_type", "authorization_code"), ("code", code),
            ("redirect_uri", OAuthFlow.RedirectUri), ("client_id", app.ClientId)));
        var withVerifier = await OAuthFlow.ExchangeAsync(appServer, app, code, OAuthFlow.Pkce().Verifier);

        await withoutSecret.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        await withVerifier.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(0, await OAuthFlow.AccessTokensOfAsync(host, user));
    }

    [Fact]
    public async Task Requiring_pkce_again_refuses_the_codes_issued_without_it()
    {
        var developer = await host.CreateUserAsync("dev", withPassword: true);
        var app = await OAuthFlow.RegisterAsync(host, developer);
        await SetPkceOptionalAsync(developer, app, optional: true);
        var code = await ConsentAsync(await host.CreateUserAsync(withPassword: true), PythonFlattrAuthorizeUrl(app));

        var settings = await SetPkceOptionalAsync(developer, app, optional: false);
        using var appServer = host.Client();
        var exchange = await appServer.SendAsync(PythonFlattrTokenRequest(app, code));

        Assert.Contains("data-pkce=\"required\"", settings, StringComparison.Ordinal);
        await exchange.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task A_used_legacy_code_replayed_revokes_its_token()
    {
        var developer = await host.CreateUserAsync("dev", withPassword: true);
        var app = await OAuthFlow.RegisterAsync(host, developer);
        await SetPkceOptionalAsync(developer, app, optional: true);
        var code = await ConsentAsync(await host.CreateUserAsync(withPassword: true), PythonFlattrAuthorizeUrl(app));
        using var appServer = host.Client();
        var token = (string)(await (await appServer.SendAsync(PythonFlattrTokenRequest(app, code))).AssertOkAsync())["access_token"]!;

        var replay = await appServer.SendAsync(PythonFlattrTokenRequest(app, code));

        await replay.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
        using var api = host.Client(token);
        await (await api.GetAsync("/rest/v2/user")).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    /// <summary>python-flattr's <c>AuthApi.authorize</c>: its parameters in its order, url-encoded by requests, no state.</summary>
    static string PythonFlattrAuthorizeUrl(OAuthFlow.App app) =>
        "/oauth/authorize?client_id=" + Uri.EscapeDataString(app.ClientId) + "&scope=" + Uri.EscapeDataString(LegacyScopes)
        + "&redirect_uri=" + Uri.EscapeDataString(OAuthFlow.RedirectUri) + "&response_type=code";

    /// <summary>python-flattr's <c>AuthApi.token</c>: requests' HTTPBasicAuth (id:secret, not url-encoded) and a form body.</summary>
    static HttpRequestMessage PythonFlattrTokenRequest(OAuthFlow.App app, string code) => new(HttpMethod.Post, "/oauth/token")
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.Latin1.GetBytes(app.ClientId + ":" + app.ClientSecret))) },
        Content = Http.Form(("code", code), ("redirect_uri", OAuthFlow.RedirectUri), ("grant_type", "authorization_code")),
    };

    /// <summary>The user allows the application on the consent page; the code it is sent back with (and no state).</summary>
    async Task<string> ConsentAsync(TestUser user, string authorizePath)
    {
        using var browser = host.BrowserClient();
        await browser.SignInAsync(user);
        var redirect = await OAuthFlow.DecideAsync(browser, authorizePath, "allow");
        Assert.Equal(OAuthFlow.RedirectUri, redirect.GetLeftPart(UriPartial.Path));
        Assert.Null(OAuthFlow.Parameter(redirect, "state"));
        return OAuthFlow.Parameter(redirect, "code") ?? throw new InvalidOperationException($"no code in {redirect}");
    }

    /// <summary>The owner flips the setting on /settings/applications; the page they see afterwards.</summary>
    async Task<string> SetPkceOptionalAsync(TestUser developer, OAuthFlow.App app, bool optional)
    {
        var appId = await host.ScalarAsync("SELECT id FROM oauth_apps WHERE client_id = $1", app.ClientId);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(developer);
        var answer = await browser.PostFormAsync("/settings/applications", "/settings/applications?handler=Pkce",
            ("appId", appId.ToString(CultureInfo.InvariantCulture)), ("optional", optional ? "true" : "false"));
        return answer.StatusCode == HttpStatusCode.Redirect
            ? await browser.GetStringAsync("/settings/applications")
            : await answer.Content.ReadAsStringAsync();
    }
}
