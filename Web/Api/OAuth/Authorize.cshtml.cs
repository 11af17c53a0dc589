using System.Collections.Immutable;
using System.Globalization;
using System.Security.Claims;
using Flattr.Api;
using Flattr.Web.Accounts;
using Flattr.Web.Api.Localization;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Orleans;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Flattr.Web.Api.OAuth;

/// <summary>
/// The consent page of the authorization code flow. OpenIddict has checked the request before this page runs (known client,
/// its redirect URI exactly, <c>response_type=code</c>, a PKCE S256 challenge unless the application's owner made PKCE
/// optional, known scopes) and sent what it could back to the application; what it could not (an unknown client or another
/// redirect URI: an open redirect otherwise) is shown here as an error. (OpenIddict passes every refusal of this endpoint
/// through to the page; the page sends back those it may, by the same rule.) A signed-in user sees which application asks for
/// what, and allows (OpenIddict issues the code) or denies (<c>access_denied</c>).
/// </summary>
[Authorize]
public sealed class AuthorizeModel(IGrainFactory grains) : PageModel
{
    public const string Path = "/" + OAuthServerComposition.AuthorizePath;

    public OAuthAppInfo? App { get; private set; }

    /// <summary>The API scopes asked for, in canonical order (<c>offline_access</c> is not one: it asks for a refresh token).</summary>
    public ImmutableArray<string> Scopes { get; private set; } = [];

    /// <summary>The request's parameters, which the consent form posts back as they came.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    /// <summary>Why the request cannot be used, when it cannot even be sent back to the application.</summary>
    public string? Problem { get; private set; }

    public static ApiTexts Texts => ApiTexts.Current;

    public async Task<IActionResult> OnGetAsync() => await ReadAsync() switch
    {
        { Request: { } request } => Show(request),
        { Refusal: { } refusal } => refusal,
        _ => Page(),
    };

    public async Task<IActionResult> OnPostAsync(string? decision)
    {
        var (request, refusal) = await ReadAsync();
        if (request is null)
        {
            return refusal ?? Page();
        }

        if (decision != "allow")
        {
            return Forbid(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        var offline = request.GetScopes().Contains(OpenIddictConstants.Scopes.OfflineAccess);
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, OpenIddictConstants.Claims.Name, OpenIddictConstants.Claims.Role);
        identity.SetClaim(OpenIddictConstants.Claims.Subject, User.RequiredUserId().ToString(CultureInfo.InvariantCulture));
        identity.SetClaim(OpenIddictConstants.Claims.Name, User.Identity?.Name);
        identity.SetScopes(offline ? [.. Scopes, OpenIddictConstants.Scopes.OfflineAccess] : Scopes);
        if (offline)
        {
            identity.SetAccessTokenLifetime(OAuthServerComposition.RefreshedAccessTokenLifetime);
        }

        identity.SetDestinations(static _ => [Destinations.AccessToken]);
        return SignIn(new ClaimsPrincipal(identity), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// The request OpenIddict accepted (with <see cref="App"/> and <see cref="Scopes"/> set); or its refusal: sent back to the
    /// application when the client is known and the redirect URI is exactly its registered one, else shown here
    /// (<see cref="Problem"/>, and a null refusal).
    /// </summary>
    async Task<(OpenIddictRequest? Request, IActionResult? Refusal)> ReadAsync()
    {
        var request = HttpContext.GetOpenIddictServerRequest();
        App = request?.ClientId is { Length: > 0 } clientId ? await grains.GetOAuthServer().FindClient(clientId) : null;
        var error = HttpContext.GetOpenIddictServerResponse() is { Error.Length: > 0 } response ? response : null;
        if (request is not null && App is not null && error is null)
        {
            Scopes = ApiScopes.Normalise(request.GetScopes());
            return (request, null);
        }

        Response.StatusCode = StatusCodes.Status200OK;
        if (App is null || request is null || !string.Equals(request.RedirectUri, App.RedirectUri, StringComparison.Ordinal))
        {
            Problem = App is null ? Texts.UnknownApp : Texts.WrongRedirect;
            App = null;
            return (null, null);
        }

        var values = new Dictionary<string, string?> { ["error"] = error!.Error, ["error_description"] = error.ErrorDescription };
        if (!string.IsNullOrEmpty(request.State))
        {
            values["state"] = request.State;
        }

        return (null, Redirect(QueryHelpers.AddQueryString(App.RedirectUri, values)));
    }

    PageResult Show(OpenIddictRequest request)
    {
        Parameters = [.. request.GetParameters()
            .Where(p => p.Key is not ("decision" or "__RequestVerificationToken"))
            .Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString() ?? string.Empty))];
        return Page();
    }
}
