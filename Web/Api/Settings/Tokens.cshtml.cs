using System.Collections.Immutable;
using Flattr.Api;
using Flattr.Web.Accounts;
using Flattr.Web.Api.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Api.Settings;

/// <summary>
/// The user's API access: personal tokens (created here and shown once, then only their names and scopes) and the applications
/// they allowed through OAuth; each can be revoked at once.
/// </summary>
[Authorize]
public sealed class TokensModel(IGrainFactory grains) : PageModel
{
    public const string Path = "/settings/tokens";

    public ImmutableArray<AccessTokenInfo> Personal { get; private set; } = [];

    /// <summary>Active OAuth grants, one line per application.</summary>
    public ImmutableArray<OAuthGrant> Applications { get; private set; } = [];

    /// <summary>The token just created: its secret is shown this once.</summary>
    public IssuedAccessToken? Created { get; private set; }

    public string? Error { get; private set; }

    [BindProperty]
    public string Name { get; set; } = string.Empty;

    [BindProperty]
    public List<string> Scopes { get; set; } = [];

    public static ApiTexts Texts => ApiTexts.Current;

    IAccessTokensGrain Tokens => grains.GetAccessTokens(User.RequiredUserId());

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        try
        {
            Created = await Tokens.CreatePersonal(Name, [.. Scopes]);
            Name = string.Empty;
            Scopes = [];
        }
        catch (FlattrException e)
        {
            Error = e.Message;
        }

        // Not a redirect: the secret must reach the user exactly once, in this answer, and is not stored anywhere to show later.
        Response.Headers.CacheControl = "no-store";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long tokenId)
    {
        try
        {
            await Tokens.Revoke(tokenId);
        }
        catch (FlattrException e) when (e.Code == FlattrErrors.NotFound)
        {
            return NotFound();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAppAsync(long appId)
    {
        await Tokens.RevokeApp(appId);
        return RedirectToPage();
    }

    async Task LoadAsync()
    {
        Personal = [.. (await Tokens.List()).Where(t => t.Kind == AccessTokenKind.Personal)];
        Applications = await Tokens.ListGrants();
    }
}
