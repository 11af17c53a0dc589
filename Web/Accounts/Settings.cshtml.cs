using System.Globalization;
using System.Net.Mail;
using Flattr.Users;
using Flattr.Web.Hosting;
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
/// The account's settings: display name, language of the mails, anonymous flattrs by default, e-mail address (changed once
/// the new address confirms), password (the current one first), and signing out everywhere.
/// </summary>
[Authorize]
public sealed class SettingsModel(
    IGrainFactory grains, PasswordChecker passwords, SignInThrottle passwordThrottle, AccountThrottle mailThrottle, ServerSessions sessions,
    AccountMails mails) : PageModel
{
    public const string Path = "/me/settings";

    /// <summary>The languages a user may choose for the mails Flattr sends them.</summary>
    public static IReadOnlyList<string> Languages { get; } = [.. SupportedLanguages.All.Select(SupportedLanguages.ThingLanguageFor)];

    public UserProfile Profile { get; private set; } = null!;

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public bool NoticeIsError { get; set; }

    public async Task OnGetAsync() => Profile = await grains.GetUser(User.RequiredUserId()).GetProfile();

    public async Task<IActionResult> OnPostPreferencesAsync(string? displayName, string? language, bool anonymousByDefault)
    {
        var user = grains.GetUser(User.RequiredUserId());
        if (language is null || !Languages.Contains(language))
        {
            return Done(Texts.Current.ErrorLanguage, error: true);
        }

        UserProfile profile;
        try
        {
            profile = await user.UpdateProfile(new ProfileUpdate(displayName ?? string.Empty, language, anonymousByDefault));
        }
        catch (FlattrException e) when (e.Code == FlattrErrors.InvalidParameters)
        {
            return Done(Texts.Current.ErrorDisplayName, error: true);
        }

        // The cookie shows the display name in the header: issue it again for the same session.
        await HttpContext.SignInAsync(AccountsSetup.Scheme, CurrentUser.Create(profile.Id, profile.Username, profile.DisplayName, User.SessionId()!));
        return Done(Texts.Current.SettingsSaved);
    }

    public async Task<IActionResult> OnPostEmailAsync(string? newEmail, CancellationToken cancellationToken)
    {
        var email = newEmail?.Trim() ?? string.Empty;
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email || email.Length > 254)
        {
            return Done(Texts.Current.ErrorEmail, error: true);
        }

        if (!await mailThrottle.TryMailAsync(HttpContext, email, cancellationToken))
        {
            await RateLimits.RejectAsync(HttpContext, cancellationToken);
            return new EmptyResult();
        }

        var userId = User.RequiredUserId();
        var profile = await grains.GetUser(userId).GetProfile();
        // A taken address gets a mail saying so, not the link; the page answers alike, so it tells nobody who has an account.
        if (await grains.GetAccount(userId).IssueEmailChange(email) is { } token)
        {
            await mails.SendEmailChangeAsync(userId, token, email, profile.DisplayName, profile.Language, Request.BaseUri(), cancellationToken);
        }
        else
        {
            await mails.SendAlreadyRegisteredAsync(email, profile.Language, Request.BaseUri(), cancellationToken);
        }

        return Done(string.Format(CultureInfo.CurrentCulture, Texts.Current.EmailChangeSent, email));
    }

    public async Task<IActionResult> OnPostPasswordAsync(string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        var texts = Texts.Current;
        if ((newPassword ?? string.Empty).Length < SignUpModel.MinimumPasswordLength)
        {
            return Done(string.Format(CultureInfo.CurrentCulture, texts.ErrorPasswordLength, SignUpModel.MinimumPasswordLength), error: true);
        }

        var userId = User.RequiredUserId();
        var user = grains.GetUser(userId);
        var credentials = await user.GetCredentials();
        if (!await passwordThrottle.TryAttemptAsync(userId, credentials.Username, cancellationToken))
        {
            await RateLimits.RejectAsync(HttpContext, cancellationToken);
            return new EmptyResult();
        }

        if (credentials.PasswordHash is null
            || await passwords.VerifyAsync(credentials.PasswordHash, currentPassword ?? string.Empty, cancellationToken) == PasswordVerificationResult.Failed)
        {
            return Done(texts.ErrorCurrentPassword, error: true);
        }

        await user.SetPasswordHash(await passwords.HashAsync(newPassword!, cancellationToken));
        // Every session ends (a stolen cookie with them); this browser goes on in a new one.
        await sessions.EndAllAsync(userId);
        var profile = await user.GetProfile();
        var session = await sessions.StartAsync(userId);
        await HttpContext.SignInAsync(AccountsSetup.Scheme, CurrentUser.Create(profile.Id, profile.Username, profile.DisplayName, session));
        return Done(texts.PasswordChanged);
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        await sessions.EndAllAsync(User.RequiredUserId());
        await HttpContext.SignOutAsync(AccountsSetup.Scheme);
        return LocalRedirect("/signin");
    }

    RedirectToPageResult Done(string notice, bool error = false)
    {
        Notice = notice;
        NoticeIsError = error;
        return RedirectToPage();
    }
}
