using Orleans;

namespace Flattr.Limits;

/// <summary>
/// The answer of a shared limit: whether the permits were granted, and the window as it stands after the request: its limit,
/// what remains of it and when it ends (when a refused caller may try again).
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.RateLimitWindow")]
public sealed record RateLimitWindow(bool Acquired, int Limit, int Remaining, DateTimeOffset Reset);
