using System.Collections.Immutable;

namespace Flattr.Api;

/// <summary>What makes the API's own data valid: token and application names, redirect URIs, scopes, pages.</summary>
static class ApiRules
{
    public const int MaximumPageSize = 100;

    public static string TokenName(string? name)
    {
        var value = name?.Trim();
        return value is { Length: >= 1 and <= 60 } ? value : throw Invalid("A token's name is 1 to 60 characters.");
    }

    public static string AppName(string? name)
    {
        var value = name?.Trim();
        return value is { Length: >= 3 and <= 60 } ? value : throw Invalid("An application's name is 3 to 60 characters.");
    }

    /// <summary>
    /// An absolute https URI without fragment, or http on a loopback host for apps that run on the user's machine
    /// (RFC 8252 7.3). Redirect URIs are compared exactly, so the text is kept as given.
    /// </summary>
    public static string RedirectUri(string? uri)
    {
        var value = uri?.Trim();
        if (value is not { Length: >= 10 and <= 2048 } || !Uri.TryCreate(value, UriKind.Absolute, out var parsed)
            || !string.IsNullOrEmpty(parsed.Fragment) || !string.IsNullOrEmpty(parsed.UserInfo)
            || !(parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback)))
        {
            throw Invalid("A redirect URI is an absolute https URI without fragment (http only for localhost).");
        }

        return value;
    }

    /// <summary>Known scopes, canonical order; anything else is <c>invalid_parameters</c>.</summary>
    public static ImmutableArray<string> Scopes(ImmutableArray<string> scopes)
    {
        if (scopes.IsDefaultOrEmpty)
        {
            return [];
        }

        foreach (var scope in scopes)
        {
            if (!ApiScopes.IsKnown(scope))
            {
                throw Invalid($"'{scope}' is not a scope; use {string.Join(", ", ApiScopes.All)}.");
            }
        }

        return ApiScopes.Normalise(scopes);
    }

    public static void Page(int page, int count)
    {
        if (page < 1 || count is < 1 or > MaximumPageSize)
        {
            throw Invalid($"Pages start at 1 and hold 1 to {MaximumPageSize} items.");
        }
    }

    static FlattrException Invalid(string message) => new(FlattrErrors.InvalidParameters, message);
}
