using System.Collections.Immutable;
using Flattr.Api;
using Flattr.Web.Accounts;
using Flattr.Web.Api.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Orleans;

namespace Flattr.Web.Api.OAuth;

/// <summary>
/// The consent page of the authorization code flow (RFC 6749 4.1, PKCE per RFC 7636 and RFC 9700): a signed-in user sees which
/// application asks for what, and allows or denies; the answer goes back to the application's registered redirect URI. A request
/// naming an unknown client or another redirect URI is shown an error and never redirected (it could be an open redirect).
/// Only <c>response_type=code</c> with an S256 challenge is accepted: the implicit grant is gone (RFC 9700). A confidential
/// application whose owner made PKCE optional may leave the challenge out, as clients written for Flattr's API do (its code
/// then needs the application's secret at the token endpoint).
/// </summary>
[Authorize]
public sealed class AuthorizeModel(IGrainFactory grains) : PageModel
{
    public const string Path = "/oauth/authorize";

    [BindProperty(SupportsGet = true, Name = "response_type")]
    public string? ResponseType { get; set; }

    [BindProperty(SupportsGet = true, Name = "client_id")]
    public string? ClientId { get; set; }

    [BindProperty(SupportsGet = true, Name = "redirect_uri")]
    public string? RedirectUri { get; set; }

    [BindProperty(SupportsGet = true, Name = "scope")]
    public string? Scope { get; set; }

    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "code_challenge")]
    public string? CodeChallenge { get; set; }

    [BindProperty(SupportsGet = true, Name = "code_challenge_method")]
    public string? CodeChallengeMethod { get; set; }

    public OAuthAppInfo? App { get; private set; }

    public ImmutableArray<string> Scopes { get; private set; } = [];

    /// <summary>Why the request cannot be used, when it cannot even be sent back to the application.</summary>
    public string? Problem { get; private set; }

    public static ApiTexts Texts => ApiTexts.Current;

    public async Task<IActionResult> OnGetAsync() => await CheckAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync(string? decision)
    {
        if (await CheckAsync() is { } refused)
        {
            return refused;
        }

        if (decision != "allow")
        {
            return BackToApp(("error", OAuthErrors.AccessDenied), ("error_description", "The user denied the request."));
        }

        var code = await grains.GetOAuthServer().IssueCode(
            new AuthorizationRequest(App!.ClientId, User.RequiredUserId(), App.RedirectUri, Scopes, string.IsNullOrEmpty(CodeChallenge) ? null : CodeChallenge));
        return BackToApp(("code", code));
    }

    /// <summary>Null when the request is good (and <see cref="App"/> and <see cref="Scopes"/> are set); else the answer.</summary>
    async Task<IActionResult?> CheckAsync()
    {
        var texts = Texts;
        App = string.IsNullOrEmpty(ClientId) ? null : await grains.GetOAuthServer().FindClient(ClientId);
        if (App is null)
        {
            Problem = texts.UnknownApp;
            return Page();
        }

        if (!string.IsNullOrEmpty(RedirectUri) && !string.Equals(RedirectUri, App.RedirectUri, StringComparison.Ordinal))
        {
            Problem = texts.WrongRedirect;
            App = null;
            return Page();
        }

        if (ResponseType != "code")
        {
            return BackToApp(("error", OAuthErrors.UnsupportedResponseType), ("error_description", "Only response_type=code is supported."));
        }

        var withoutPkce = string.IsNullOrEmpty(CodeChallenge) && string.IsNullOrEmpty(CodeChallengeMethod) && App.PkceOptional;
        if (!withoutPkce && (string.IsNullOrEmpty(CodeChallenge) || CodeChallengeMethod != "S256"))
        {
            return BackToApp(("error", OAuthErrors.InvalidRequest), ("error_description", "PKCE is required: code_challenge with code_challenge_method=S256."));
        }

        try
        {
            Scopes = ApiScopes.Parse(Scope);
        }
        catch (FlattrException e)
        {
            return BackToApp(("error", OAuthErrors.InvalidScope), ("error_description", e.Message));
        }

        return null;
    }

    RedirectResult BackToApp(params (string Name, string Value)[] parameters)
    {
        var values = parameters.Select(p => new KeyValuePair<string, string?>(p.Name, p.Value)).ToList();
        if (!string.IsNullOrEmpty(State))
        {
            values.Add(new("state", State));
        }

        return Redirect(QueryHelpers.AddQueryString(App!.RedirectUri, values));
    }
}
