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
public sealed class NewModel(IGrainFactory grains) : PageModel
{
    [BindProperty]
    public ThingForm Form { get; set; } = new() { Language = SupportedLanguages.ThingLanguageFor(SupportedLanguages.Current) };

    public string? Error { get; private set; }

    /// <summary>The thing already registered at the submitted address (its link and the claim button are shown).</summary>
    public long? ExistingThingId { get; private set; }

    public void OnGet(string? url) => Form.Url = url ?? string.Empty;

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var info = await grains.GetThingRegistry().Register(User.RequiredUserId(), new ThingSubmission(
                Form.Url, Form.Title.Trim(), Form.Description.Trim(), Form.Category, Form.Language, Form.TagList(), Form.Hidden));
            return Redirect("/things/" + info.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (FlattrException e) when (e.Code == FlattrErrors.Conflict)
        {
            Error = Flattring.Explain(e);
            ExistingThingId = await grains.GetThingRegistry().LookupByUrl(Form.Url);
            return Page();
        }
        catch (FlattrException e)
        {
            Error = e.Code == FlattrErrors.InvalidParameters ? Texts.Current.ErrorThingFields + " " + e.Message : Flattring.Explain(e);
            return Page();
        }
    }
}
