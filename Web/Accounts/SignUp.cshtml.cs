using System.Net.Mail;
using System.Text.RegularExpressions;
using Flattr.Users;
using Flattr.Web.Hosting;
using Flattr.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Accounts;

public sealed partial class SignUpModel(IGrainFactory grains, PasswordChecker passwords, AccountMails mails, AccountThrottle throttle) : PageModel
{
    public const int MinimumPasswordLength = 10;

    [BindProperty]
    public string Username { get; set => field = value ?? string.Empty; } = string.Empty;

    [BindProperty]
    public string Email { get; set => field = value ?? string.Empty; } = string.Empty;

    [BindProperty]
    public string Password { get; set => field = value ?? string.Empty; } = string.Empty;

    public Dictionary<string, string> Errors { get; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var texts = Texts.Current;
        Username = Username.Trim().ToLowerInvariant();
        Email = Email.Trim();
        if (!UsernamePattern().IsMatch(Username))
        {
            Errors[nameof(Username)] = texts.ErrorUsername;
        }

        if (!MailAddress.TryCreate(Email, out var address) || address.Address != Email || Email.Length > 254)
        {
            Errors[nameof(Email)] = texts.ErrorEmail;
        }

        if (Password.Length < MinimumPasswordLength)
        {
            Errors[nameof(Password)] = string.Format(System.Globalization.CultureInfo.CurrentCulture, texts.ErrorPasswordLength, MinimumPasswordLength);
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        // Each sign-up costs a password hash and makes an account: limited per client address and for everyone together.
        if (!await throttle.TrySignUpAsync(HttpContext, cancellationToken))
        {
            await Security.RateLimits.RejectAsync(HttpContext, cancellationToken);
            return new EmptyResult();
        }

        // Usernames are public (profile pages), so a taken one may be named; e-mail addresses are not: a registered address
        // gets the same answer as a new one, and its owner a mail, so the form cannot be used to find out who has an account.
        var directory = grains.GetGrain<IUserDirectoryGrain>(Singletons.Key);
        if (Username.StartsWith(AccountGrainFactoryExtensions.DeletedUsernamePrefix, StringComparison.Ordinal)
            || await directory.FindByUsername(Username) is not null)
        {
            Errors[nameof(Username)] = texts.ErrorUsernameTaken;
            return Page();
        }

        var hash = await passwords.HashAsync(Password, cancellationToken);
        var language = SupportedLanguages.ThingLanguageFor(SupportedLanguages.Current);
        UserProfile profile;
        try
        {
            profile = await directory.Register(new SignUp(Username, Email, Username, language, hash));
        }
        catch (FlattrException e) when (e.Code == FlattrErrors.Conflict)
        {
            if (await directory.FindByEmail(Email) is null)
            {
                // The username was taken in the meantime.
                Errors[nameof(Username)] = texts.ErrorUsernameTaken;
                return Page();
            }

            await mails.SendAlreadyRegisteredAsync(Email, language, Request.BaseUri(), cancellationToken);
            return RedirectToPage("/Accounts/CheckInbox", new { email = Email });
        }

        await mails.SendVerificationAsync(profile.Id, profile.Email, profile.DisplayName, language, Request.BaseUri(), cancellationToken);
        return RedirectToPage("/Accounts/CheckInbox", new { email = profile.Email });
    }

    [GeneratedRegex("^[a-z0-9_]{3,30}$")]
    private static partial Regex UsernamePattern();
}
