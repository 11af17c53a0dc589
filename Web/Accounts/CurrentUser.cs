using System.Globalization;
using System.Security.Claims;

namespace Flattr.Web.Accounts;

/// <summary>Reads the signed-in user from the auth cookie's claims.</summary>
public static class CurrentUser
{
    public const string DisplayNameClaim = "flattr:display_name";

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

    public static ClaimsPrincipal Create(long userId, string username, string displayName) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, userId.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, username),
                new Claim(DisplayNameClaim, displayName),
            ],
            AccountsSetup.Scheme));
}
