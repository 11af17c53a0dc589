using Flattr.Web.Localization;

namespace Flattr.Web.Accounts;

/// <summary>Writes and sends the account mails, in the language the user chose.</summary>
public sealed class AccountMails(IEmailSender sender, EmailVerification verification, TimeProvider time)
{
    public Task SendVerificationAsync(long userId, string email, string displayName, string language, Uri baseUri, CancellationToken cancellationToken)
    {
        var texts = Texts.For(language);
        var link = new Uri(baseUri, "/verify?token=" + Uri.EscapeDataString(verification.CreateToken(userId)));
        var body = string.Format(System.Globalization.CultureInfo.InvariantCulture, texts.VerifyMailBody, displayName, link);
        return sender.SendAsync(new EmailMessage(email, texts.VerifyMailSubject, body, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>Tells an address's owner that someone tried to sign up with it again (the form itself never says so).</summary>
    public Task SendAlreadyRegisteredAsync(string email, string language, Uri baseUri, CancellationToken cancellationToken)
    {
        var texts = Texts.For(language);
        var body = string.Format(System.Globalization.CultureInfo.InvariantCulture, texts.AlreadyRegisteredMailBody, new Uri(baseUri, "/signin"));
        return sender.SendAsync(new EmailMessage(email, texts.AlreadyRegisteredMailSubject, body, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>A password-reset link (valid for an hour, once), to the account's address.</summary>
    public Task SendPasswordResetAsync(long userId, string token, string email, string displayName, string language, Uri baseUri,
        CancellationToken cancellationToken)
    {
        var texts = Texts.For(language);
        var link = new Uri(baseUri, FormattableString.Invariant($"/reset-password?user={userId}&token={Uri.EscapeDataString(token)}"));
        var body = string.Format(System.Globalization.CultureInfo.InvariantCulture, texts.ResetMailBody, displayName, link);
        return sender.SendAsync(new EmailMessage(email, texts.ResetMailSubject, body, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>The link that confirms a new address, sent to that new address.</summary>
    public Task SendEmailChangeAsync(long userId, string token, string newEmail, string displayName, string language, Uri baseUri,
        CancellationToken cancellationToken)
    {
        var texts = Texts.For(language);
        var link = new Uri(baseUri, FormattableString.Invariant($"/me/email/confirm?user={userId}&token={Uri.EscapeDataString(token)}"));
        var body = string.Format(System.Globalization.CultureInfo.InvariantCulture, texts.EmailChangeMailBody, displayName, link);
        return sender.SendAsync(new EmailMessage(newEmail, texts.EmailChangeMailSubject, body, time.GetUtcNow()), cancellationToken);
    }
}
