using Flattr.Things;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Button;

/// <summary>
/// The button as other sites frame it (<c>/button/view</c>): the count, read from the thing grain's memory, and a button
/// that opens the confirmation window. It is the only page any site may frame, and it uses no cookies.
/// </summary>
public sealed class FrameModel(IGrainFactory grains) : PageModel
{
    public ThingSnapshot? Thing { get; private set; }

    public bool Compact { get; private set; }

    public string ConfirmUrl { get; private set; } = "/button/confirm";

    public bool Flattrable { get; private set; }

    public async Task OnGetAsync(long? thing, string? url, string? button)
    {
        Compact = button == "compact";
        Thing = await grains.FindAsync(thing, url);
        if (Thing is not null)
        {
            Flattrable = Thing.Info.IsActive;
            ConfirmUrl = "/button/confirm?thing=" + Thing.Info.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return;
        }

        // Not registered yet: with an owner it is an auto-submit button, created by its first flattr.
        if (AutoSubmitLink.From(Request.Query) is { } link)
        {
            Flattrable = true;
            ConfirmUrl = "/button/confirm" + link.ToQueryString();
        }
    }
}
