using Silo.Concurrency;

namespace Flattr.Api;

/// <summary>A new token and its secret, which exists only in this answer: it is shown once and stored as a hash.</summary>
[Immutable]
public sealed record IssuedAccessToken(AccessTokenInfo Token, string Secret);
