using Silo.Concurrency;

namespace Flattr.Api;

/// <summary>The answer to claiming an idempotency key; <see cref="Response"/> is set for <see cref="IdempotencyOutcome.Replay"/>.</summary>
[Immutable]
public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, StoredResponse? Response);
