using Orleans;

namespace Flattr.Api;

/// <summary>A newly registered application with its client secret (null for public clients), shown once and stored as a hash.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.RegisteredOAuthApp")]
public sealed record RegisteredOAuthApp(OAuthAppInfo App, string? ClientSecret);
