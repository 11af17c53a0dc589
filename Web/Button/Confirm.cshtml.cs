using Flattr.Things;
using Flattr.Wallets;
using Flattr.Web.Accounts;
using Flattr.Web.Localization;
using Flattr.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Orleans;

namespace Flattr.Web.Button;

/// <summary>
/// The confirmation window (<c>/button/confirm</c>), opened by a button framed on another site. It is a first-party
/// top-level page that no site may frame, so the giver sees what they flattr and clicks "Confirm" themselves.
/// </summary>
[EnableRateLimiting(RateLimits.Flattr)]
public sealed class ConfirmModel(IGrainFactory grains, TimeProvider time, ReaderCookie reader) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Thing { get; set; }

    [BindProperty]
    public bool Anonymous { get; set; }

    public ThingSnapshot? Snapshot { get; private set; }

    public AutoSubmitLink? Link { get; private set; }

    public bool SignedIn => User.UserId() is not null;

    /// <summary>Set once something happened: the element the window's script reports to the button.</summary>
    public Outcome? Result { get; private set; }

    public sealed record Outcome(string Type, string? Code, long ThingId, long MonthClicks, long TotalClicks, string Message);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (User.UserId() is { } signedIn)
        {
            // The box starts as the giver's setting says (anonymous by default or not); what is sent is their choice.
            Anonymous = (await grains.GetUser(signedIn).GetProfile()).AnonymousByDefault;
        }

        if (User.UserId() is { } giverId && Snapshot is not null
            && await grains.WalletNow(giverId, time).HasFlattred(Snapshot.Info.Id))
        {
            Result = Refused(new FlattrException(FlattrErrors.FlattrOnce, "Already flattred this month."));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (User.UserId() is not { } giverId)
        {
            return Page();
        }

        var wallet = grains.WalletNow(giverId, time);
        try
        {
            FlattrResult result;
            if (Snapshot is not null)
            {
                result = await wallet.Flattr(Snapshot.Info.Id, Anonymous);
            }
            else
            {
                var submission = await Link!.ResolveAsync(grains)
                    ?? throw new FlattrException(FlattrErrors.NotFound, "No such Flattr user.");
                result = await wallet.FlattrAutoSubmit(submission, Anonymous);
                Snapshot = await grains.GetThing(result.ThingId).GetSnapshot();
            }

            Result = new Outcome("flattr:done", null, result.ThingId, result.ThingMonthClicks, result.ThingTotalClicks, Texts.Current.FlattrThanks);
        }
        catch (FlattrException e)
        {
            Result = Refused(e);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostUndoAsync()
    {
        if (!await LoadAsync() || Snapshot is null || User.UserId() is not { } giverId)
        {
            return NotFound();
        }

        try
        {
            var result = await grains.WalletNow(giverId, time).Withdraw(Snapshot.Info.Id);
            var counts = await grains.GetThing(result.ThingId).GetCounts();
            Result = new Outcome("flattr:withdrawn", null, result.ThingId, result.ThingMonthClicks, counts.Total, Texts.Current.FlattrUndone);
        }
        catch (FlattrException e)
        {
            Result = Refused(e);
        }

        return Page();
    }

    async Task<bool> LoadAsync()
    {
        // First-party here: let the buttons on other sites know this reader, where the browser allows it.
        if (User.UserId() is { } userId)
        {
            reader.Issue(HttpContext, userId);
        }

        Snapshot = await grains.FindAsync(Thing, Request.Query["url"]);
        if (Snapshot is null)
        {
            Link = AutoSubmitLink.From(Request.Query);
        }

        return Snapshot is not null || Link is not null;
    }

    Outcome Refused(FlattrException e) =>
        new("flattr:refused", e.Code, Snapshot?.Info.Id ?? 0, Snapshot?.Counts.ThisMonth ?? 0, Snapshot?.Counts.Total ?? 0, Flattring.Explain(e));
}
