using Flattr.Things;
using Flattr.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Button;

/// <summary>
/// The button as other sites frame it (<c>/button/view</c>): the count, read from the thing grain's memory, and a button
/// that opens the confirmation window. It is the only page any site may frame. Where the browser sends Flattr's cookies to
/// the frame (the session on the same site, the <see cref="ReaderCookie"/> on another, where third-party cookies are allowed
/// or the reader granted storage access: <see cref="StorageAccessHeaders"/>, Scripts/frame.js), it shows that the reader
/// already flattred the thing; it never flattrs.
/// </summary>
public sealed class FrameModel(IGrainFactory grains, TimeProvider time, ReaderCookie reader) : PageModel
{
    public ThingSnapshot? Thing { get; private set; }

    public bool Compact { get; private set; }

    public string ConfirmUrl { get; private set; } = "/button/confirm";

    public bool Flattrable { get; private set; }

    /// <summary>The reader is known (<see cref="ReaderCookie"/>) and flattred this thing this month.</summary>
    public bool Flattred { get; private set; }

    /// <summary>The request named its reader; when not, the frame's script may ask the browser for storage access.</summary>
    public bool ReaderKnown { get; private set; }

    public async Task OnGetAsync(long? thing, string? url, string? button)
    {
        Compact = button == "compact";
        StorageAccessHeaders.Answer(HttpContext);
        var readerId = reader.Reader(HttpContext);
        ReaderKnown = readerId is not null;
        Thing = await grains.FindAsync(thing, url);
        if (Thing is not null)
        {
            Flattrable = Thing.Info.IsActive;
            ConfirmUrl = "/button/confirm?thing=" + Thing.Info.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Flattred = readerId is { } id && await grains.WalletNow(id, time).HasFlattred(Thing.Info.Id);
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
