using System.Collections.Immutable;
using Silo.Concurrency;

namespace Flattr.Api;

/// <summary>What a valid, unrevoked token lets its bearer do: act as <see cref="UserId"/> within <see cref="Scopes"/>.</summary>
[Immutable]
public sealed record AccessTokenGrant(long TokenId, long UserId, string Username, ImmutableArray<string> Scopes, AccessTokenKind Kind, long? AppId)
{
    public bool Allows(string scope) => !Scopes.IsDefault && Scopes.Contains(scope);
}
