using Orleans;
using Orleans.Concurrency;

namespace Flattr.Api;

/// <summary>
/// The registered applications as the OAuth server's consent page sees them (singleton key <see cref="Singletons.Key"/>, local
/// stateless workers). The authorization server itself is OpenIddict's, in the web (Web/Api/OAuth).
/// </summary>
[Alias("Flattr.IOAuthServerGrain")]
public interface IOAuthServerGrain : IGrainWithIntegerKey
{
    /// <summary>The application with this client id, or null (also for deleted applications).</summary>
    [ReadOnly]
    Task<OAuthAppInfo?> FindClient(string clientId);
}
