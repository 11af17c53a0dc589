using Orleans;

namespace Flattr.Api;

/// <summary>
/// Checks the bearer tokens of API requests (singleton key <see cref="Singletons.Key"/>, served by local stateless workers):
/// one indexed look-up of the token's hash per request, so a revocation takes effect on the next request.
/// </summary>
[Alias("Flattr.IAccessTokenValidatorGrain")]
public interface IAccessTokenValidatorGrain : IGrainWithIntegerKey
{
    /// <summary>The grant of a valid, unrevoked token, or null for anything else.</summary>
    Task<AccessTokenGrant?> Validate(string token);
}
