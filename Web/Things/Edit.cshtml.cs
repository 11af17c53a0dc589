using Flattr.Things;
using Flattr.Web.Accounts;
using Flattr.Web.Button;
using Flattr.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Things;

[Authorize]
public sealed class EditModel(IGrainFactory grains) : PageModel
{
    [BindProperty]
    public ThingForm Form { get; set; } = new();

    public long Id { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var info = await LoadOwnedAsync(id);
        if (info is null)
        {
            return NotFound();
        }

        Form = ThingForm.From(info);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        var info = await LoadOwnedAsync(id);
        if (info is null)
        {
            return NotFound();
        }

        Form.Url = info.Url;
        try
        {
            await grains.GetThing(id).Update(User.RequiredUserId(), new ThingUpdate(
                Form.Title.Trim(), Form.Description.Trim(), Form.Category, Form.Language, Form.TagList(), Form.Hidden));
            return Redirect("/things/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (FlattrException e)
        {
            Error = e.Code == FlattrErrors.InvalidParameters ? Texts.Current.ErrorThingFields + " " + e.Message : Flattring.Explain(e);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id)
    {
        if (await LoadOwnedAsync(id) is null)
        {
            return NotFound();
        }

        await grains.GetThing(id).Delete(User.RequiredUserId());
        return Redirect("/dashboard");
    }

    async Task<ThingInfo?> LoadOwnedAsync(long id)
    {
        Id = id;
        var snapshot = await grains.FindAsync(id, null);
        return snapshot is not null && snapshot.Info.OwnerId == User.RequiredUserId() && snapshot.Info.IsActive ? snapshot.Info : null;
    }
}
