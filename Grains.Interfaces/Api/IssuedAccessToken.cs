using Orleans;

namespace Flattr.Api;

/// <summary>A new token and its secret, which exists only in this answer: it is shown once and stored as a hash.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.IssuedAccessToken")]
public sealed record IssuedAccessToken(AccessTokenInfo Token, string Secret);
