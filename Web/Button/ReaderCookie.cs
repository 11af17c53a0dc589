using System.Globalization;
using Flattr.Web.Accounts;
using Microsoft.AspNetCore.DataProtection;

namespace Flattr.Web.Button;

/// <summary>
/// Lets the button frame on another site know its reader, where the browser allows it. The session cookie is SameSite=Lax
/// and never reaches a frame on another site; this one, set while the reader is on Flattr itself (the confirmation window,
/// a thing's page), is SameSite=None, Secure, HttpOnly and scoped to <c>/button</c>. It carries only the signed user id,
/// lets the frame say "flattred" and nothing else: it cannot flattr, which stays behind the first-party confirmation.
/// A browser that blocks third-party cookies does not send it, and the frame shows the plain button.
/// </summary>
public sealed class ReaderCookie(IDataProtectionProvider protection, TimeProvider time)
{
    public const string Name = "flattr.reader";
    static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Flattr.Button.Reader.v1").ToTimeLimitedDataProtector();

    public void Issue(HttpContext http, long userId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var expires = time.GetUtcNow() + Lifetime;
        http.Response.Cookies.Append(Name, _protector.Protect(userId.ToString(CultureInfo.InvariantCulture), expires), Options(expires));
    }

    public static void Clear(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Delete(Name, Options(null));
    }

    /// <summary>
    /// The reader a button request names: the session where the browser sends it (a page of Flattr's own site), else this
    /// cookie (another site: where third-party cookies are allowed, or once the reader granted the frame storage access).
    /// </summary>
    public long? Reader(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.User.UserId() ?? Read(http);
    }

    /// <summary>The reader the request's cookie names, if it is valid and unexpired.</summary>
    public long? Read(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Cookies[Name] is not { Length: > 0 } value)
        {
            return null;
        }

        try
        {
            var text = _protector.Unprotect(value, out var expiration);
            return expiration > time.GetUtcNow() && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    static CookieOptions Options(DateTimeOffset? expires) => new()
    {
        Path = "/button",
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.None,
        IsEssential = true,
        Expires = expires,
    };
}
