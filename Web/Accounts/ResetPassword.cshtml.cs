using Flattr.Users;
using Flattr.Web.Localization;
using Flattr.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Accounts;

/// <summary>
/// Sets a new password from a mailed link (<c>/reset-password?user=…&amp;token=…</c>): the token is single-use, valid for an
/// hour and only for its user; using it ends every session of the account.
/// </summary>
public sealed class ResetPasswordModel(IGrainFactory grains, PasswordChecker passwords, AccountThrottle throttle, ServerSessions sessions) : PageModel
{
    [BindProperty(Name = "user", SupportsGet = true)]
    public long Account { get; set; }

    [BindProperty(Name = "token", SupportsGet = true)]
    public string Token { get; set => field = value ?? string.Empty; } = string.Empty;

    [BindProperty]
    public string Password { get; set => field = value ?? string.Empty; } = string.Empty;

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Password.Length < SignUpModel.MinimumPasswordLength)
        {
            Error = string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts.Current.ErrorPasswordLength, SignUpModel.MinimumPasswordLength);
            return Page();
        }

        if (!await throttle.TryLinkAsync(HttpContext, cancellationToken))
        {
            await RateLimits.RejectAsync(HttpContext, cancellationToken);
            return new EmptyResult();
        }

        var hash = await passwords.HashAsync(Password, cancellationToken);
        if (!await grains.GetAccount(Account).ResetPassword(Token, hash))
        {
            Error = Texts.Current.ResetLinkInvalid;
            return Page();
        }

        sessions.Forget(Account);
        return LocalRedirect("/signin?reset=true");
    }
}
