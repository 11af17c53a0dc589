using Orleans;
using Orleans.Concurrency;

namespace Flattr.Api;

/// <summary>
/// The OAuth 2 authorization server (singleton key <see cref="Singletons.Key"/>, local stateless workers): authorization
/// codes with PKCE (S256 only; optional for a confidential application whose owner allows it) and the authorization code grant. Failures are <see cref="FlattrException"/>s with the
/// codes of <see cref="OAuthErrors"/>.
/// </summary>
[Alias("Flattr.IOAuthServerGrain")]
public interface IOAuthServerGrain : IGrainWithIntegerKey
{
    /// <summary>The application with this client id, or null (also for deleted applications).</summary>
    [ReadOnly]
    Task<OAuthAppInfo?> FindClient(string clientId);

    /// <summary>Issues a single-use authorization code (valid for a few minutes) after the user's consent.</summary>
    Task<string> IssueCode(AuthorizationRequest request);

    /// <summary>
    /// Exchanges a code for an access token, once: <c>invalid_client</c> when the client does not authenticate,
    /// <c>invalid_grant</c> when the code is unknown, expired, already used (which also revokes the token it gave),
    /// issued to another client or redirect URI, or when the verifier does not match the challenge (a code issued with a
    /// challenge needs its verifier; one issued without refuses a verifier, and needs the client's secret).
    /// </summary>
    Task<IssuedAccessToken> ExchangeCode(CodeExchange exchange);
}
