using Orleans;

namespace Flattr.Api;

/// <summary>The response an idempotent request gave, replayed as it was to every retry with the same key.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.StoredResponse")]
public sealed record StoredResponse(int StatusCode, string ContentType, string Body, string? Location);
