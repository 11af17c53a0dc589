using Orleans;

namespace Flattr.Limits;

/// <summary>At most <see cref="PermitLimit"/> permits per <see cref="Window"/>; windows are aligned on the clock (each minute, each hour, UTC).</summary>
[GenerateSerializer, Immutable, Alias("Flattr.RateLimitRule")]
public sealed record RateLimitRule(int PermitLimit, TimeSpan Window);
