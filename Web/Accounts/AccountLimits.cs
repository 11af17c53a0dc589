namespace Flattr.Web.Accounts;

/// <summary>Limits of the account forms (configuration section <c>Flattr:Accounts</c>), each counted for the whole cluster.</summary>
public sealed class AccountLimits
{
    public const string Section = "Flattr:Accounts";

    /// <summary>Sign-ups per client address per clock hour (each costs a password hash and creates an account).</summary>
    public int SignUpsPerAddressPerHour { get; set; } = 10;

    /// <summary>Sign-ups per clock minute from everyone together: a botnet spread over many addresses meets this one.</summary>
    public int SignUpsPerMinute { get; set; } = 60;

    /// <summary>Account mails (password reset, verification again, e-mail change) per recipient address per clock hour.</summary>
    public int MailsPerRecipientPerHour { get; set; } = 5;

    /// <summary>Account mail requests and password resets per client address per clock hour.</summary>
    public int MailsPerAddressPerHour { get; set; } = 30;
}
