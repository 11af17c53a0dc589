using Orleans;

namespace Flattr.Api;

/// <summary>
/// Idempotency keys of the API's POSTs (singleton key <see cref="Singletons.Key"/>, local stateless workers), kept in
/// PostgreSQL for 24 hours so that they hold across restarts. A key is claimed before the request runs and completed with
/// its response (or released when the request failed on our side, so that a retry can run it).
/// </summary>
[Alias("Flattr.IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithIntegerKey
{
    Task<IdempotencyClaim> Claim(IdempotentRequest request);

    /// <summary>Stores the response of a claimed key (statuses 200–499; server errors are released instead).</summary>
    Task Complete(IdempotentRequest request, StoredResponse response);

    /// <summary>Gives a claimed key up without a response.</summary>
    Task Release(IdempotentRequest request);
}
