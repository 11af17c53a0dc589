using System.Collections.Immutable;
using Orleans;

namespace Flattr.Api;

/// <summary>
/// An application a user allowed through OAuth and has not revoked: its scopes (all its active grants together) and when
/// the user first allowed it. Listed on the user's settings page, where it is revoked at once.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.OAuthGrant")]
public sealed record OAuthGrant(long AppId, string AppName, ImmutableArray<string> Scopes, DateTimeOffset GrantedAt);
