using Flattr.Things;
using Flattr.Users;
using Flattr.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Public;

/// <summary>A user's public profile: name and public things (never the e-mail address).</summary>
public sealed class ProfileModel(IGrainFactory grains) : PageModel
{
    public UserProfile Profile { get; private set; } = null!;

    public ThingPage Things { get; private set; } = new([], 0, 1, 50);

    public async Task<IActionResult> OnGetAsync(string? username)
    {
        // A blank name (/profile/%20) binds as null.
        if (string.IsNullOrWhiteSpace(username))
        {
            return NotFound();
        }

        var id = await grains.GetUserDirectory().FindByUsername(username.ToLowerInvariant());
        if (id is null)
        {
            return NotFound();
        }

        Profile = await grains.GetUser(id.Value).GetProfile();
        Things = await grains.GetThingRegistry().ListByOwner(id.Value, includeHidden: User.UserId() == id, 1, 50);
        return Page();
    }
}
