using System.Collections.Immutable;
using Orleans;

namespace Flattr.Api;

/// <summary>What a valid, unrevoked token lets its bearer do: act as <see cref="UserId"/> within <see cref="Scopes"/>.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.AccessTokenGrant")]
public sealed record AccessTokenGrant(long TokenId, long UserId, string Username, ImmutableArray<string> Scopes, AccessTokenKind Kind, long? AppId);
