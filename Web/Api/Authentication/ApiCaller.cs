using System.Collections.Immutable;
using System.Globalization;
using System.Security.Claims;

namespace Flattr.Web.Api.Authentication;

/// <summary>
/// Who is calling the API: nobody (public reads) or a user through a token with its scopes. Cookies never count here, so a
/// page on another site cannot make a signed-in browser call the API.
/// </summary>
public sealed record ApiCaller(long? UserId, string? Username, ImmutableArray<string> Scopes, string? TokenId)
{
    public static ApiCaller Anonymous { get; } = new(null, null, [], null);

    public bool IsAuthenticated => UserId is not null;

    public bool Has(string scope) => Scopes.Contains(scope);

    public bool IsUser(long userId) => UserId == userId;

    /// <summary>The user id of an endpoint that requires a token (its authorization policy guarantees one).</summary>
    public long RequiredUserId => UserId ?? throw new InvalidOperationException("This endpoint requires a token.");

    public static ApiCaller From(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var user = http.User;
        if (user.Identity is not { IsAuthenticated: true, AuthenticationType: ApiTokenAuthentication.SchemeName })
        {
            return Anonymous;
        }

        return new ApiCaller(
            Number(user.FindFirstValue(ClaimTypes.NameIdentifier)),
            user.FindFirstValue(ClaimTypes.Name),
            [.. user.FindAll(ApiClaims.Scope).Select(c => c.Value)],
            user.FindFirstValue(ApiClaims.TokenId));
    }

    static long? Number(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
