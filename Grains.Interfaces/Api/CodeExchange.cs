using Orleans;

namespace Flattr.Api;

/// <summary>
/// A token request (grant type <c>authorization_code</c>): the client's credentials as presented (a public client has no
/// secret), the code, the redirect URI it was issued for and the PKCE code verifier (required exactly when the code was
/// issued with a challenge).
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.CodeExchange")]
public sealed record CodeExchange(string ClientId, string? ClientSecret, string Code, string RedirectUri, string? CodeVerifier);
