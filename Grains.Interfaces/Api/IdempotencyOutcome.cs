using Orleans;

namespace Flattr.Api;

[GenerateSerializer, Alias("Flattr.IdempotencyOutcome")]
public enum IdempotencyOutcome
{
    /// <summary>The key is new (or its earlier attempt was abandoned): run the request, then complete or release the key.</summary>
    Proceed,

    /// <summary>The request already ran with this key: answer with the stored response, run nothing.</summary>
    Replay,

    /// <summary>A request with this key is running right now.</summary>
    InProgress,

    /// <summary>The key was used for a different request.</summary>
    Mismatch,
}
