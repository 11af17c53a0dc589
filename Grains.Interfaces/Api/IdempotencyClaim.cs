using Orleans;

namespace Flattr.Api;

/// <summary>The answer to claiming an idempotency key; <see cref="Response"/> is set for <see cref="IdempotencyOutcome.Replay"/>.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.IdempotencyClaim")]
public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, StoredResponse? Response);
