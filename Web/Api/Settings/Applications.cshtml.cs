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
/// A developer's OAuth applications: register one (its secret is shown once), list them, let a confidential one leave PKCE
/// out (for clients written for Flattr's API) or require it again, delete one.
/// </summary>
[Authorize]
public sealed class ApplicationsModel(IGrainFactory grains) : PageModel
{
    public const string Path = "/settings/applications";

    public ImmutableArray<OAuthAppInfo> Apps { get; private set; } = [];

    public RegisteredOAuthApp? Registered { get; private set; }

    public string? Error { get; private set; }

    [BindProperty]
    public string Name { get; set; } = string.Empty;

    [BindProperty]
    public string RedirectUri { get; set; } = string.Empty;

    [BindProperty]
    public bool Confidential { get; set; } = true;

    public static ApiTexts Texts => ApiTexts.Current;

    IOAuthAppsGrain MyApps => grains.GetOAuthApps(User.RequiredUserId());

    public async Task OnGetAsync() => Apps = await MyApps.List();

    public async Task<IActionResult> OnPostRegisterAsync()
    {
        try
        {
            Registered = await MyApps.Register(new OAuthAppRegistration(Name, RedirectUri, Confidential));
        }
        catch (FlattrException e)
        {
            Error = e.Message;
        }

        Response.Headers.CacheControl = "no-store";
        Apps = await MyApps.List();
        return Page();
    }

    public async Task<IActionResult> OnPostPkceAsync(long appId, bool optional)
    {
        try
        {
            await MyApps.SetPkceOptional(appId, optional);
        }
        catch (FlattrException e) when (e.Code == FlattrErrors.NotFound)
        {
            return NotFound();
        }
        catch (FlattrException e) when (e.Code == FlattrErrors.InvalidParameters)
        {
            Error = e.Message;
            Apps = await MyApps.List();
            return Page();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long appId)
    {
        try
        {
            await MyApps.Delete(appId);
        }
        catch (FlattrException e) when (e.Code == FlattrErrors.NotFound)
        {
            return NotFound();
        }

        return RedirectToPage();
    }
}
