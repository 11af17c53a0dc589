using System.Collections.Immutable;
using Orleans;

namespace Flattr.Api;

/// <summary>
/// An access token as its owner sees it on the settings page (never the secret: only its hash is stored).
/// <see cref="AppId"/> and <see cref="AppName"/> name the application an OAuth token was granted to.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.AccessTokenInfo")]
public sealed record AccessTokenInfo(
    long Id,
    long UserId,
    AccessTokenKind Kind,
    string Name,
    ImmutableArray<string> Scopes,
    long? AppId,
    string? AppName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}
