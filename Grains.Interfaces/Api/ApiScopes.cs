using System.Collections.Immutable;

namespace Flattr.Api;

/// <summary>
/// The scopes of Flattr API v2. A token carries a subset; reading public data needs none.
/// </summary>
public static class ApiScopes
{
    /// <summary>Flattr things and manage subscriptions.</summary>
    public const string Flattr = "flattr";

    /// <summary>Create, update and delete things.</summary>
    public const string Thing = "thing";

    /// <summary>Read the user's e-mail address.</summary>
    public const string Email = "email";

    /// <summary>Read private user fields and the user's hidden things.</summary>
    public const string ExtendedRead = "extendedread";

    /// <summary>Pay out the user's earnings to their payout account.</summary>
    public const string Payout = "payout";

    public static ImmutableArray<string> All { get; } = [Flattr, Thing, Email, ExtendedRead, Payout];

    public static bool IsKnown(string? scope) => scope is not null && All.Contains(scope);

    /// <summary>
    /// Parses a scope list as OAuth writes it (space-separated; commas are accepted too, as Flattr-era clients sent them):
    /// distinct, in the canonical order of <see cref="All"/>. An unknown scope is <c>invalid_scope</c>.
    /// </summary>
    public static ImmutableArray<string> Parse(string? text)
    {
        var requested = (text ?? string.Empty).Split([' ', ',', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var scope in requested)
        {
            if (!IsKnown(scope))
            {
                throw new FlattrException(OAuthErrors.InvalidScope, $"'{scope}' is not a scope; use {string.Join(", ", All)}.");
            }
        }

        return Normalise(requested);
    }

    /// <summary>Known scopes only, distinct, in canonical order.</summary>
    public static ImmutableArray<string> Normalise(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var set = scopes.ToHashSet(StringComparer.Ordinal);
        return [.. All.Where(set.Contains)];
    }

    public static string Format(ImmutableArray<string> scopes) => scopes.IsDefaultOrEmpty ? string.Empty : string.Join(' ', scopes);
}
