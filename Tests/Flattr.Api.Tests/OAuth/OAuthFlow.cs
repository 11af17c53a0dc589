using System.Net;
using System.Security.Cryptography;
using System.Text;
using Flattr.Api.Tests.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace Flattr.Api.Tests.OAuth;

/// <summary>The steps of the authorization code flow as a third-party application and a user's browser take them.</summary>
public static class OAuthFlow
{
    public const string RedirectUri = "https://app.example/callback";

    public sealed record App(string ClientId, string? ClientSecret);

    /// <summary>A PKCE verifier and its S256 challenge (RFC 7636).</summary>
    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(48));
        return (verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    /// <summary>Registers an application on the developer's settings page and reads its credentials off the answer.</summary>
    public static async Task<App> RegisterAsync(ApiHost host, TestUser developer, bool confidential = true, string redirectUri = RedirectUri)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var browser = host.BrowserClient();
        await browser.SignInAsync(developer);
        var response = await browser.PostFormAsync("/settings/applications", "/settings/applications?handler=Register",
            ("Name", "Podcast Player"), ("RedirectUri", redirectUri), ("Confidential", confidential ? "true" : "false"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        var clientId = Http.ElementText(page, "new-client-id");
        Assert.False(string.IsNullOrEmpty(clientId), "the page shows no client id");
        return new App(clientId!, Http.ElementText(page, "new-client-secret"));
    }

    public static string AuthorizePath(App app, string scope, string challenge, string state = "s-123", string? redirectUri = RedirectUri,
        string responseType = "code", string? method = "S256")
    {
        ArgumentNullException.ThrowIfNull(app);
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = responseType,
            ["client_id"] = app.ClientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = method,
        };
        return QueryHelpers.AddQueryString("/oauth/authorize", query.Where(q => q.Value is not null).ToDictionary());
    }

    /// <summary>The user answers the consent page; returns where the browser is sent.</summary>
    public static async Task<Uri> DecideAsync(HttpClient browser, string authorizePath, string decision)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var consent = await browser.GetAsync(authorizePath);
        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        var page = await consent.Content.ReadAsStringAsync();
        var query = QueryHelpers.ParseQuery(new Uri("http://x" + authorizePath).Query);
        var fields = query.Select(q => (q.Key, q.Value.ToString())).Append(("decision", decision))
            .Append(("__RequestVerificationToken", Http.AntiforgeryToken(page))).ToArray();
        var answer = await browser.PostAsync("/oauth/authorize", Http.Form(fields));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return answer.Headers.Location!;
    }

    public static string? Parameter(Uri redirect, string name)
    {
        ArgumentNullException.ThrowIfNull(redirect);
        return QueryHelpers.ParseQuery(redirect.Query).TryGetValue(name, out var value) ? value.ToString() : null;
    }

    /// <summary>The application's token request, with HTTP Basic client authentication when it has a secret.</summary>
    public static Task<HttpResponseMessage> ExchangeAsync(HttpClient client, App app, string code, string verifier, string redirectUri = RedirectUri,
        string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(app);
        var fields = new List<(string, string)> { ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectUri), ("code_verifier", verifier) };
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token");
        if (app.ClientSecret is not null)
        {
            request.Headers.Authorization = Http.Basic(app.ClientId, secret ?? app.ClientSecret);
        }
        else
        {
            fields.Add(("client_id", app.ClientId));
        }

        request.Content = Http.Form([.. fields]);
        return client.SendAsync(request);
    }

    /// <summary>How many access tokens the OAuth server (OpenIddict, table <c>oauth_tokens</c>) issued for the user.</summary>
    public static Task<long> AccessTokensOfAsync(ApiHost host, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(user);
        return host.ScalarAsync("SELECT count(*) FROM oauth_tokens WHERE subject = $1::text AND type LIKE '%access_token'", user.Id);
    }

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
