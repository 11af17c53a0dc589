using Flattr.Users;
using Flattr.Web.Localization;
using Flattr.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Orleans;

namespace Flattr.Web.Accounts;

[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignInModel(IGrainFactory grains, PasswordChecker passwords, SignInThrottle throttle, ServerSessions sessions) : PageModel
{
    [BindProperty]
    public string Login { get; set => field = value ?? string.Empty; } = string.Empty;

    [BindProperty]
    public string Password { get; set => field = value ?? string.Empty; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>The password was just reset (the reset page redirects here).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Reset { get; set; }

    public bool NotVerified { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var texts = Texts.Current;
        var directory = grains.GetGrain<IUserDirectoryGrain>(Singletons.Key);
        var login = Login.Trim();
        var userId = login.Contains('@', StringComparison.Ordinal)
            ? await directory.FindByEmail(login)
            : await directory.FindByUsername(login.ToLowerInvariant());
        if (!await throttle.TryAttemptAsync(userId, login, cancellationToken))
        {
            await RateLimits.RejectAsync(HttpContext, cancellationToken);
            return new EmptyResult();
        }

        if (userId is null)
        {
            // Spend the same time as a real check so that response times do not reveal which accounts exist.
            await passwords.HashAsync(Password, cancellationToken);
            Error = texts.ErrorSignIn;
            return Page();
        }

        var user = grains.GetGrain<IUserGrain>(userId.Value);
        var credentials = await user.GetCredentials();
        var result = credentials.PasswordHash is null
            ? PasswordVerificationResult.Failed
            : await passwords.VerifyAsync(credentials.PasswordHash, Password, cancellationToken);
        if (result == PasswordVerificationResult.Failed)
        {
            Error = texts.ErrorSignIn;
            return Page();
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await user.SetPasswordHash(await passwords.HashAsync(Password, cancellationToken));
        }

        var profile = await user.GetProfile();
        if (!profile.EmailVerified)
        {
            Error = texts.ErrorNotVerified;
            NotVerified = true;
            return Page();
        }

        var session = await sessions.StartAsync(profile.Id);
        await HttpContext.SignInAsync(AccountsSetup.Scheme, CurrentUser.Create(profile.Id, profile.Username, profile.DisplayName, session));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/me");
    }
}
