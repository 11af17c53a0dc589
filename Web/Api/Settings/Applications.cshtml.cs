using System.Collections.Immutable;
using Flattr.Api;
using Flattr.Web.Accounts;
using Flattr.Web.Api.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Api.Settings;

/// <summary>A developer's OAuth applications: register one (its secret is shown once), list them, delete one.</summary>
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
