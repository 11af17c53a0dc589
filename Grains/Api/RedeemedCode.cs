using System.Collections.Immutable;

namespace Flattr.Api;

/// <summary>An authorization code row as the exchange reads it.</summary>
sealed record RedeemedCode(
    long AppId,
    long UserId,
    string RedirectUri,
    ImmutableArray<string> Scopes,
    string? CodeChallenge,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt,
    long? TokenId);
