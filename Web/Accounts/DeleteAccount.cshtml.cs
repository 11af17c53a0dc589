using Flattr.Users;
using Flattr.Web.Localization;
using Flattr.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Accounts;

/// <summary>
/// Deleting the account: the page says what happens to the money, the clicks and the things (<see cref="AccountDeletion"/>)
/// and refuses while income is still to be paid out; the password confirms it.
/// </summary>
[Authorize]
public sealed class DeleteAccountModel(IGrainFactory grains, PasswordChecker passwords, SignInThrottle throttle, ServerSessions sessions) : PageModel
{
    public const string Path = "/me/delete";

    public AccountDeletion Check { get; private set; } = null!;

    public string? Error { get; private set; }

    public bool Deleted { get; private set; }

    public async Task OnGetAsync() => Check = await grains.GetAccount(User.RequiredUserId()).CheckDeletion();

    public async Task<IActionResult> OnPostAsync(string? password, CancellationToken cancellationToken)
    {
        var userId = User.RequiredUserId();
        var account = grains.GetAccount(userId);
        var credentials = await grains.GetUser(userId).GetCredentials();
        if (!await throttle.TryAttemptAsync(userId, credentials.Username, cancellationToken))
        {
            await RateLimits.RejectAsync(HttpContext, cancellationToken);
            return new EmptyResult();
        }

        if (credentials.PasswordHash is null
            || await passwords.VerifyAsync(credentials.PasswordHash, password ?? string.Empty, cancellationToken) == PasswordVerificationResult.Failed)
        {
            Check = await account.CheckDeletion();
            Error = Texts.Current.ErrorCurrentPassword;
            return Page();
        }

        Check = await account.Delete();
        if (!Check.Deleted)
        {
            return Page();
        }

        sessions.Forget(userId);
        await HttpContext.SignOutAsync(AccountsSetup.Scheme);
        Deleted = true;
        return Page();
    }
}
