using Orleans;

namespace Flattr.Users;

/// <summary>
/// An account's life beyond its profile (key = user id): password reset and e-mail change by single-use mailed tokens (only
/// their SHA-256 is stored), and deletion. A token is checked against this user: one issued to another user is refused.
/// </summary>
[Alias("Flattr.IAccountGrain")]
public interface IAccountGrain : IGrainWithIntegerKey
{
    /// <summary>A password-reset token, valid for an hour and once; earlier unused reset tokens of the user stay valid until then.</summary>
    Task<string> IssuePasswordReset();

    /// <summary>
    /// Sets the new password hash if the token is this user's, unused and unexpired, and ends every session of the user; false
    /// otherwise (nothing changes). The token and every other reset token of the user are used up.
    /// </summary>
    Task<bool> ResetPassword(string token, string passwordHash);

    /// <summary>A token confirming <paramref name="newEmail"/> (valid two days, once), or null when the address belongs to an account.</summary>
    Task<string?> IssueEmailChange(string newEmail);

    /// <summary>Moves the account to the token's address (now verified) if the token is this user's, unused and unexpired.</summary>
    Task<EmailChangeOutcome> ConfirmEmailChange(string token);

    /// <summary>What deleting the account would do to its money, clicks and things, and whether it is allowed now.</summary>
    Task<AccountDeletion> CheckDeletion();

    /// <summary>Deletes the account if <see cref="CheckDeletion"/> allows it (see <see cref="AccountDeletion"/>); returns the check it acted on.</summary>
    Task<AccountDeletion> Delete();
}
