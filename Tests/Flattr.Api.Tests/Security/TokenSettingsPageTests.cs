using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Security;

public sealed class TokenSettingsPageTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_token_made_on_the_settings_page_works_with_its_scopes_and_is_shown_only_once()
    {
        var user = await host.CreateUserAsync(withPassword: true);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(user);

        var created = await browser.PostFormAsync("/settings/tokens", "/settings/tokens?handler=Create",
            ("Name", "my script"), ("Scopes", "email"), ("Scopes", "flattr"));
        var page = await created.Content.ReadAsStringAsync();
        var secret = Http.ElementText(page, "new-token");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.StartsWith("flattr_pat_", secret, StringComparison.Ordinal);
        using var api = host.Client(secret);
        var self = await (await api.GetAsync("/rest/v2/user")).AssertOkAsync();
        Assert.Equal(user.Email, (string?)self["email"]);
        await (await api.PostAsync("/rest/v2/things", Http.Json("""{"url": "https://example.org/no-thing-scope", "title": "Not allowed"}""")))
            .AssertErrorAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        var later = await browser.GetStringAsync("/settings/tokens");
        Assert.Contains("my script", later, StringComparison.Ordinal);
        Assert.DoesNotContain(secret!, later, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_are_stored_only_as_sha256_hashes()
    {
        var user = await host.CreateUserAsync();
        var secret = await host.TokenAsync(user, "flattr");

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM api_tokens WHERE user_id = $1 AND encode(token_hash, 'hex') = $2", user.Id, hash));
        Assert.Equal(0, await host.ScalarAsync(
            "SELECT count(*) FROM api_tokens t WHERE t.user_id = $1 AND position($2 IN row_to_json(t)::text) > 0", user.Id, secret[11..]));
    }

    [Fact]
    public async Task Revoking_a_token_on_the_settings_page_stops_it_at_once()
    {
        var user = await host.CreateUserAsync(withPassword: true);
        var secret = await host.TokenAsync(user);
        using var api = host.Client(secret);
        await (await api.GetAsync("/rest/v2/user")).AssertOkAsync();
        var tokenId = await host.ScalarAsync("SELECT id FROM api_tokens WHERE user_id = $1", user.Id);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(user);

        var revoked = await browser.PostFormAsync("/settings/tokens", "/settings/tokens?handler=Revoke", ("tokenId", tokenId.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        await (await api.GetAsync("/rest/v2/user")).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM api_tokens WHERE id = $1 AND revoked_at IS NOT NULL", tokenId));
    }

    [Fact]
    public async Task An_application_the_user_allowed_is_listed_and_revoking_it_stops_its_tokens_at_once()
    {
        var app = await OAuth.OAuthFlow.RegisterAsync(host, await host.CreateUserAsync("dev", withPassword: true));
        var user = await host.CreateUserAsync(withPassword: true);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(user);
        var (verifier, challenge) = OAuth.OAuthFlow.Pkce();
        var redirect = await OAuth.OAuthFlow.DecideAsync(browser, OAuth.OAuthFlow.AuthorizePath(app, "email flattr offline_access", challenge), "allow");
        using var appServer = host.Client();
        var issued = await (await OAuth.OAuthFlow.ExchangeAsync(appServer, app, OAuth.OAuthFlow.Parameter(redirect, "code")!, verifier)).AssertOkAsync();
        using var api = host.Client((string)issued["access_token"]!);
        await (await api.GetAsync("/rest/v2/user")).AssertOkAsync();
        var appId = await host.ScalarAsync("SELECT id FROM oauth_apps WHERE client_id = $1", app.ClientId);
        var listed = await browser.GetStringAsync("/settings/tokens");

        var revoked = await browser.PostFormAsync("/settings/tokens", "/settings/tokens?handler=RevokeApp", ("appId", appId.ToString(CultureInfo.InvariantCulture)));
        var refresh = await appServer.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Headers = { Authorization = Http.Basic(app.ClientId, app.ClientSecret!) },
            Content = Http.Form(("grant_type", "refresh_token"), ("refresh_token", (string)issued["refresh_token"]!)),
        });

        Assert.Contains($"data-app-id=\"{appId}\"", listed, StringComparison.Ordinal);
        Assert.Contains("<span>flattr email</span>", listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        await (await api.GetAsync("/rest/v2/user")).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await refresh.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
        Assert.DoesNotContain($"data-app-id=\"{appId}\"", await browser.GetStringAsync("/settings/tokens"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_can_revoke_another_users_token()
    {
        var owner = await host.CreateUserAsync();
        var secret = await host.TokenAsync(owner);
        var tokenId = await host.ScalarAsync("SELECT id FROM api_tokens WHERE user_id = $1", owner.Id);
        var intruder = await host.CreateUserAsync(withPassword: true);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(intruder);

        var refused = await browser.PostFormAsync("/settings/tokens", "/settings/tokens?handler=Revoke", ("tokenId", tokenId.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        using var api = host.Client(secret);
        await (await api.GetAsync("/rest/v2/user")).AssertOkAsync();
    }

    [Fact]
    public async Task The_settings_pages_need_a_signed_in_user_and_an_antiforgery_token()
    {
        using var anonymous = host.BrowserClient();
        var tokens = await anonymous.GetAsync("/settings/tokens");
        var apps = await anonymous.GetAsync("/settings/applications");
        Assert.Equal(HttpStatusCode.Redirect, tokens.StatusCode);
        Assert.Contains("/signin", tokens.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, apps.StatusCode);

        var user = await host.CreateUserAsync(withPassword: true);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(user);
        var forged = await browser.PostAsync("/settings/tokens?handler=Create", Http.Form(("Name", "forged"), ("Scopes", "flattr")));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM api_tokens WHERE user_id = $1", user.Id));
    }

    [Fact]
    public async Task A_bad_token_name_is_explained_on_the_page_and_creates_nothing()
    {
        var user = await host.CreateUserAsync(withPassword: true);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(user);

        var response = await browser.PostFormAsync("/settings/tokens", "/settings/tokens?handler=Create", ("Name", new string('n', 61)), ("Scopes", "flattr"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("1 to 60 characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM api_tokens WHERE user_id = $1", user.Id));
    }
}
