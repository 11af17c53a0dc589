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
}
