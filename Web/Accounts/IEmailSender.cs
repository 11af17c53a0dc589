namespace Flattr.Web.Accounts;

/// <summary>Sends account mails (verification). Replace the registration to send through a real mail service.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
