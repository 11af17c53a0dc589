using System.Collections.Immutable;
using Orleans;

namespace Flattr.Api;

/// <summary>
/// What a user approved on the consent page: <see cref="ClientId"/> may act as <see cref="UserId"/> within
/// <see cref="Scopes"/>. <see cref="CodeChallenge"/> is the PKCE S256 challenge the code is bound to; null only for a
/// confidential application whose owner made PKCE optional (<see cref="OAuthAppInfo.PkceOptional"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.AuthorizationRequest")]
public sealed record AuthorizationRequest(string ClientId, long UserId, string RedirectUri, ImmutableArray<string> Scopes, string? CodeChallenge);
