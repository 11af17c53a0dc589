using System.Globalization;
using Flattr.Limits;
using Flattr.Things;
using Flattr.Web.Accounts;
using Flattr.Web.Button;
using Flattr.Web.Hosting;
using Flattr.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Orleans;

namespace Flattr.Web.Claims;

/// <summary>
/// <c>/things/{id}/claim</c>: how to prove that the thing's page is yours, and the button that makes the server check it and,
/// when the proof is there, moves the thing to you and tells its previous owner by mail.
/// </summary>
[Authorize]
public sealed class ClaimModel(IGrainFactory grains, ClaimVerifier verifier, ClaimMails mails, IOptions<ClaimOptions> options, ILogger<ClaimModel> logger)
    : PageModel
{
    public ThingInfo Thing { get; private set; } = null!;

    public string Username { get; private set; } = string.Empty;

    public bool IsOwner => Thing.OwnerId == User.UserId();

    public bool Claimed { get; private set; }

    public string? Notice { get; private set; }

    public bool NoticeIsError { get; private set; }

    /// <summary>The claimant's own auto-submit URL for this thing, as the payment link must name it.</summary>
    public string PaymentHref => Request.Absolute("/submit/auto" + QueryString.Create(new KeyValuePair<string, string?>[]
    {
        new("user_id", Username), new("url", Thing.Url),
    }));

    public string WellKnownUrl => new Uri(new Uri(Thing.Url), OwnershipProof.WellKnownPath).AbsoluteUri;

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var texts = Texts.Current;
        if (IsOwner)
        {
            Notice = texts.ClaimAlreadyYours;
            return Page();
        }

        // Each check makes this server fetch pages: a shared per-user limit for the whole cluster.
        var limit = new RateLimitRule(options.Value.ClaimsPerHour, TimeSpan.FromHours(1));
        if (!(await grains.GetRateLimit("claim", User.RequiredUserId().ToString(CultureInfo.InvariantCulture)).Acquire(limit, 1)).Acquired)
        {
            Notice = texts.ClaimTooManyAttempts;
            NoticeIsError = true;
            return Page();
        }

        var verdict = await verifier.VerifyAsync(Thing, Username, Request, HttpContext.RequestAborted);
        if (verdict.Method is not { } method)
        {
            Notice = Explain(verdict.Failure);
            NoticeIsError = true;
            return Page();
        }

        try
        {
            var transfer = await grains.GetThing(id).TransferOwnership(new OwnershipClaim(User.RequiredUserId(), method, verdict.ProofUrl!));
            Thing = transfer.Thing;
            Claimed = true;
            Notice = texts.ClaimDone;
            await TellPreviousOwnerAsync(transfer);
        }
        catch (FlattrException e) when (e.Code is FlattrErrors.Validation or FlattrErrors.Conflict)
        {
            Notice = e.Code == FlattrErrors.Validation ? texts.ClaimRefusedOwnClick : Flattring.Explain(e);
            NoticeIsError = true;
            await LoadAsync(id);
        }

        return Page();
    }

    /// <summary>The move stands whatever happens to the mail: a failed send is logged, not shown as a failed claim.</summary>
    async Task TellPreviousOwnerAsync(OwnershipTransfer transfer)
    {
        try
        {
            var previous = await grains.GetUser(transfer.PreviousOwnerId).GetProfile();
            await mails.SendThingClaimedAsync(previous, transfer, Request.BaseUri(), HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ClaimLog.MailFailed(logger, transfer.Thing.Id, e);
        }
    }

    async Task<bool> LoadAsync(long id)
    {
        if (await grains.FindAsync(id, null) is not { } snapshot)
        {
            return false;
        }

        Thing = snapshot.Info;
        Username = (await grains.GetUser(User.RequiredUserId()).GetProfile()).Username;
        return true;
    }

    static string Explain(ClaimFailure failure)
    {
        var texts = Texts.Current;
        return failure switch
        {
            ClaimFailure.NotPublic => texts.ClaimNotPublic,
            ClaimFailure.TimedOut => texts.ClaimTimedOut,
            ClaimFailure.TooLarge => texts.ClaimTooLarge,
            ClaimFailure.TooManyRedirects => texts.ClaimTooManyRedirects,
            ClaimFailure.BadStatus => texts.ClaimBadStatus,
            ClaimFailure.NoProof => texts.ClaimNoProof,
            _ => texts.ClaimUnreachable,
        };
    }

    public static string ThingPath(long id) => "/things/" + id.ToString(CultureInfo.InvariantCulture);
}
