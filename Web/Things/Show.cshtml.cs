using Flattr.Subscriptions;
using Flattr.Things;
using Flattr.Web.Accounts;
using Flattr.Web.Button;
using Flattr.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Things;

/// <summary>A thing's page: live count, the first-party Flattr button, subscribing, embed snippets and the QR code.</summary>
public sealed class ShowModel(IGrainFactory grains, TimeProvider time, ReaderCookie reader) : PageModel
{
    public ThingSnapshot Thing { get; private set; } = null!;

    public bool IsOwner { get; private set; }

    public bool Flattred { get; private set; }

    public string? Notice { get; private set; }

    public bool NoticeIsError { get; private set; }

    /// <summary>The code to paste elsewhere, each value encoded for where it lands.</summary>
    public EmbedSnippets Snippets => EmbedSnippets.For(Thing.Info, Request.BaseUri());

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSubscribeAsync(long id, SubscriptionTerm term)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (User.UserId() is not { } giverId)
        {
            return Challenge();
        }

        try
        {
            await grains.GetSubscriptions(giverId).Subscribe(id, term);
            Notice = Localization.Texts.Current.SubscribedNotice;
            await LoadAsync(id);
        }
        catch (FlattrException e)
        {
            Notice = Flattring.Explain(e);
            NoticeIsError = true;
        }

        return Page();
    }

    async Task<bool> LoadAsync(long id)
    {
        var snapshot = await grains.FindAsync(id, null);
        if (snapshot is null)
        {
            return false;
        }

        Thing = snapshot;
        var userId = User.UserId();
        if (userId is { } reading)
        {
            // First-party here: let the buttons on other sites know this reader, where the browser allows it.
            reader.Issue(HttpContext, reading);
        }

        IsOwner = userId == snapshot.Info.OwnerId;
        Flattred = userId is { } giverId && await grains.WalletNow(giverId, time).HasFlattred(id);
        return true;
    }
}
