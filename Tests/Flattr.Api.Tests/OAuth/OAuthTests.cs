using System.Net;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.OAuth;

public sealed class OAuthTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_authorization_code_flow_with_pkce_gives_a_token_that_acts_for_the_user_within_its_scopes()
    {
        var app = await OAuthFlow.RegisterAsync(host, await host.CreateUserAsync("dev", withPassword: true));
        var user = await host.CreateUserAsync("reader", withPassword: true);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(user);
        var (verifier, challenge) = OAuthFlow.Pkce();
        var path = OAuthFlow.AuthorizePath(app, "thing flattr", challenge, state: "state-42");

        var consent = await browser.GetStringAsync(path);
        var redirect = await OAuthFlow.DecideAsync(browser, path, "allow");
        using var appServer = host.Client();
        var exchange = await OAuthFlow.ExchangeAsync(appServer, app, OAuthFlow.Parameter(redirect, "code")!, verifier);

        Assert.Contains("Podcast Player", consent, StringComparison.Ordinal);
        Assert.Contains("data-scope=\"flattr\"", consent, StringComparison.Ordinal);
        Assert.Contains("data-scope=\"thing\"", consent, StringComparison.Ordinal);
        Assert.Equal("https://app.example/callback", redirect.GetLeftPart(UriPartial.Path));
        Assert.Equal("state-42", OAuthFlow.Parameter(redirect, "state"));
        var token = await exchange.AssertOkAsync();
        Assert.Equal("bearer", (string?)token["token_type"]);
        Assert.Equal("flattr thing", (string?)token["scope"]);
        Assert.Equal("no-store", exchange.Headers.CacheControl?.ToString());
        using var api = host.Client((string)token["access_token"]!);
        var self = await (await api.GetAsync("/rest/v2/user")).AssertOkAsync();
        Assert.Equal(user.Username, (string?)self["username"]);
        Assert.Null(self["email"]);
        await (await api.PostAsync("/rest/v2/things", Http.Json($$"""{"url": "https://example.org/{{host.Unique("oauth")}}", "title": "Made by an app"}""")))
            .AssertOkAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_code_works_once_and_its_replay_revokes_the_token_it_gave()
    {
        var app = await OAuthFlow.RegisterAsync(host, await host.CreateUserAsync("dev", withPassword: true));
        var (code, verifier, _) = await AuthorizeAsync(app, "email");
        using var appServer = host.Client();

        var first = await (await OAuthFlow.ExchangeAsync(appServer, app, code, verifier)).AssertOkAsync();
        var replay = await OAuthFlow.ExchangeAsync(appServer, app, code, verifier);

        await replay.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
        using var api = host.Client((string)first["access_token"]!);
        await (await api.GetAsync("/rest/v2/user")).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_wrong_code_verifier_is_invalid_grant_and_gives_no_token()
    {
        var app = await OAuthFlow.RegisterAsync(host, await host.CreateUserAsync("dev", withPassword: true));
        var (code, _, user) = await AuthorizeAsync(app, "flattr");
        var (otherVerifier, _) = OAuthFlow.Pkce();
        using var appServer = host.Client();

        await (await OAuthFlow.ExchangeAsync(appServer, app, code, otherVerifier)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal(0, await OAuthFlow.AccessTokensOfAsync(host, user));
    }

    [Fact]
    public async Task A_wrong_client_secret_or_another_apps_credentials_are_refused()
    {
        var developer = await host.CreateUserAsync("dev", withPassword: true);
        var app = await OAuthFlow.RegisterAsync(host, developer);
        var other = await OAuthFlow.RegisterAsync(host, developer);
        var (code, verifier, user) = await AuthorizeAsync(app, "flattr");
        using var appServer = host.Client();

        var wrongSecret = await OAuthFlow.ExchangeAsync(appServer, app, code, verifier, secret: "flattr_cs_wrong");
        await wrongSecret.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        Assert.StartsWith("Basic", wrongSecret.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await (await OAuthFlow.ExchangeAsync(appServer, other, code, verifier)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
        await (await OAuthFlow.ExchangeAsync(appServer, app, code, verifier, redirectUri: "https://app.example/other")).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal(0, await OAuthFlow.AccessTokensOfAsync(host, user));
    }

    [Fact]
    public async Task A_public_client_exchanges_its_code_with_pkce_alone()
    {
        var app = await OAuthFlow.RegisterAsync(host, await host.CreateUserAsync("dev", withPassword: true), confidential: false);
        Assert.Null(app.ClientSecret);
        var (code, verifier, user) = await AuthorizeAsync(app, "extendedread");
        using var appServer = host.Client();

        var token = await (await OAuthFlow.ExchangeAsync(appServer, app, code, verifier)).AssertOkAsync();

        using var api = host.Client((string)token["access_token"]!);
        Assert.NotNull((await (await api.GetAsync("/rest/v2/user")).AssertOkAsync())["registered_at"]);
        Assert.Equal(1, await OAuthFlow.AccessTokensOfAsync(host, user));
    }

    [Fact]
    public async Task Denying_sends_access_denied_back_to_the_app()
    {
        var app = await OAuthFlow.RegisterAsync(host, await host.CreateUserAsync("dev", withPassword: true));
        var user = await host.CreateUserAsync(withPassword: true);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(user);

        var redirect = await OAuthFlow.DecideAsync(browser, OAuthFlow.AuthorizePath(app, "flattr", OAuthFlow.Pkce().Challenge, state: "deny-me"), "deny");

        Assert.Equal("access_denied", OAuthFlow.Parameter(redirect, "error"));
        Assert.Equal("deny-me", OAuthFlow.Parameter(redirect, "state"));
        Assert.Null(OAuthFlow.Parameter(redirect, "code"));
    }

    [Theory]
    [InlineData("token", "S256", "flattr", "unsupported_response_type")]
    [InlineData("code", null, "flattr", "invalid_request")]
    [InlineData("code", "plain", "flattr", "invalid_request")]
    [InlineData("code", "S256", "flattr money", "invalid_scope")]
    public async Task Bad_authorization_requests_go_back_to_the_app_with_an_error(string responseType, string? method, string scope, string error)
    {
        var app = await OAuthFlow.RegisterAsync(host, await host.CreateUserAsync("dev", withPassword: true));
        var user = await host.CreateUserAsync(withPassword: true);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(user);

        var response = await browser.GetAsync(OAuthFlow.AuthorizePath(app, scope, OAuthFlow.Pkce().Challenge, responseType: responseType, method: method));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(OAuthFlow.RedirectUri, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(error, OAuthFlow.Parameter(response.Headers.Location!, "error"));
    }

    [Fact]
    public async Task An_unknown_client_or_a_foreign_redirect_uri_is_shown_an_error_and_never_redirected()
    {
        var app = await OAuthFlow.RegisterAsync(host, await host.CreateUserAsync("dev", withPassword: true));
        var user = await host.CreateUserAsync(withPassword: true);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(user);
        var challenge = OAuthFlow.Pkce().Challenge;

        var unknown = await browser.GetAsync(OAuthFlow.AuthorizePath(new OAuthFlow.App("UnknownClientId123456", null), "flattr", challenge));
        var foreign = await browser.GetAsync(OAuthFlow.AuthorizePath(app, "flattr", challenge, redirectUri: "https://attacker.example/steal"));

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("consent-problem", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
        Assert.Contains("consent-problem", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(foreign.Headers.Location);
    }

    [Fact]
    public async Task The_consent_page_needs_a_signed_in_user()
    {
        var app = await OAuthFlow.RegisterAsync(host, await host.CreateUserAsync("dev", withPassword: true));
        using var browser = host.BrowserClient();

        var response = await browser.GetAsync(OAuthFlow.AuthorizePath(app, "flattr", OAuthFlow.Pkce().Challenge));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/signin", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grant_type=password&username=a&password=b", "unsupported_grant_type")]
    [InlineData("grant_type=authorization_code&code=abc", "invalid_request")]
    public async Task Bad_token_requests_are_answered_with_oauth_errors(string form, string error)
    {
        using var client = host.Client();
        var response = await client.PostAsync("/oauth/token", new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, error);
    }

    [Fact]
    public async Task Deleting_an_application_revokes_the_tokens_granted_to_it()
    {
        var developer = await host.CreateUserAsync("dev", withPassword: true);
        var app = await OAuthFlow.RegisterAsync(host, developer);
        var (code, verifier, _) = await AuthorizeAsync(app, "flattr");
        using var appServer = host.Client();
        var token = (string)(await (await OAuthFlow.ExchangeAsync(appServer, app, code, verifier)).AssertOkAsync())["access_token"]!;
        using var api = host.Client(token);
        await (await api.GetAsync("/rest/v2/user")).AssertOkAsync();
        var appId = await host.ScalarAsync("SELECT id FROM oauth_apps WHERE client_id = $1", app.ClientId);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(developer);

        var deleted = await browser.PostFormAsync("/settings/applications", "/settings/applications?handler=Delete", ("appId", appId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await (await api.GetAsync("/rest/v2/user")).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
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
}
