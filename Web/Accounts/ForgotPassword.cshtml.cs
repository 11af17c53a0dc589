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
/// Asks for a password-reset link. Every well-formed address gets the same answer, a redirect to the same "sent" page,
/// whether or not an account has it: only the mailbox learns the difference.
/// </summary>
public sealed class ForgotPasswordModel(IGrainFactory grains, AccountThrottle throttle, AccountMails mails) : PageModel
{
    public const string SentPath = "/forgot-password?sent=true";

    [BindProperty]
    public string Email { get; set => field = value ?? string.Empty; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

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

        if (await grains.GetUserDirectory().FindByEmail(Email) is { } userId)
        {
            var profile = await grains.GetUser(userId).GetProfile();
            var token = await grains.GetAccount(userId).IssuePasswordReset();
            await mails.SendPasswordResetAsync(userId, token, profile.Email, profile.DisplayName, profile.Language, Request.BaseUri(), cancellationToken);
        }

        return LocalRedirect(SentPath);
    }
}
