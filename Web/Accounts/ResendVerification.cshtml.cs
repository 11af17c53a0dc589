using System.Net.Mail;
using Flattr.Users;
using Flattr.Web.Hosting;
using Flattr.Web.Localization;
using Flattr.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Accounts;

/// <summary>
/// Sends the verification mail again to an account not yet confirmed, throttled per recipient and per client address. Every
/// well-formed address gets the same answer (the "check your inbox" page), so the form tells nobody which accounts exist.
/// </summary>
public sealed class ResendVerificationModel(IGrainFactory grains, AccountThrottle throttle, AccountMails mails) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Email { get; set => field = value ?? string.Empty; } = string.Empty;

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Email = Email.Trim();
        if (!MailAddress.TryCreate(Email, out var address) || address.Address != Email || Email.Length > 254)
        {
            Error = Texts.Current.ErrorEmail;
            return Page();
        }

        if (!await throttle.TryMailAsync(HttpContext, Email, cancellationToken))
        {
            await RateLimits.RejectAsync(HttpContext, cancellationToken);
            return new EmptyResult();
        }

        if (await grains.GetUserDirectory().FindByEmail(Email) is { } userId
            && await grains.GetUser(userId).GetProfile() is { EmailVerified: false } profile)
        {
            await mails.SendVerificationAsync(profile.Id, profile.Email, profile.DisplayName, profile.Language, Request.BaseUri(), cancellationToken);
        }

        return RedirectToPage("/Accounts/CheckInbox", new { email = Email });
    }
}
