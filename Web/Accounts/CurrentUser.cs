using System.Globalization;
using System.Security.Claims;

namespace Flattr.Web.Accounts;

/// <summary>Reads the signed-in user from the auth cookie's claims.</summary>
public static class CurrentUser
{
    public const string DisplayNameClaim = "flattr:display_name";

    /// <summary>The server-side session (<see cref="ServerSessions"/>) the cookie belongs to.</summary>
    public const string SessionClaim = "flattr:session";

    /// <summary>The user id, or null for anonymous visitors.</summary>
    public static long? UserId(this ClaimsPrincipal principal)
    {
        var value = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>The user id of a page that requires sign-in (the authorization policy guarantees it).</summary>
    public static long RequiredUserId(this ClaimsPrincipal principal) =>
        principal.UserId() ?? throw new InvalidOperationException("This page requires a signed-in user.");

    public static string DisplayName(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(DisplayNameClaim) ?? principal.Identity?.Name ?? string.Empty;

    /// <summary>The id of the signed-in session, or null.</summary>
    public static string? SessionId(this ClaimsPrincipal principal) => principal.FindFirstValue(SessionClaim);

    public static ClaimsPrincipal Create(long userId, string username, string displayName, string sessionId) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, userId.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, username),
                new Claim(DisplayNameClaim, displayName),
                new Claim(SessionClaim, sessionId),
            ],
            AccountsSetup.Scheme));
}
