using Flattr.Web.Button;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Public;

/// <summary>
/// <c>/submit/auto?user_id=…&amp;url=…</c>: a registered URL redirects to its thing; a new one shows what the first flattr
/// will create, with the same first-party confirmation as the button.
/// </summary>
public sealed class AutoSubmitModel(IGrainFactory grains) : PageModel
{
    public AutoSubmitLink Link { get; private set; } = null!;

    public bool OwnerExists { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var link = AutoSubmitLink.From(Request.Query);
        if (link is null)
        {
            return BadRequest();
        }

        if (await grains.FindAsync(null, link.Url) is { } existing)
        {
            return Redirect("/things/" + existing.Info.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Link = link;
        OwnerExists = await grains.GetUserDirectory().FindByUsername(link.Owner) is not null;
        return Page();
    }
}
