using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Flattr.Web.Accounts;

/// <summary>
/// Verification links carry a data-protected, time-limited token naming the user: nothing to store, nothing to guess.
/// </summary>
public sealed class EmailVerification(IDataProtectionProvider protection, TimeProvider time)
{
    static readonly TimeSpan Lifetime = TimeSpan.FromDays(2);
    readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Flattr.Accounts.EmailVerification.v1").ToTimeLimitedDataProtector();

    public string CreateToken(long userId) =>
        _protector.Protect(userId.ToString(CultureInfo.InvariantCulture), time.GetUtcNow() + Lifetime);

    /// <summary>The user id in a valid, unexpired token; null otherwise.</summary>
    public long? ReadToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var text = _protector.Unprotect(token, out var expiration);
            return expiration > time.GetUtcNow() && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
