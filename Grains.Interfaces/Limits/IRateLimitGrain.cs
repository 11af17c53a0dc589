using Orleans;
using Orleans.Concurrency;

namespace Flattr.Limits;

/// <summary>
/// One rate limit's counter for the whole cluster (key <c>limit/partition</c>, e.g. <c>signin-address/203.0.113.7</c>, made by
/// <see cref="RateLimitKeys"/>), so that a limit holds however requests are spread over the nodes. A fixed window aligned on the
/// clock; the count lives in the grain's memory, which stays active until its window ends and is collected when idle.
/// </summary>
[Alias("Flattr.IRateLimitGrain")]
public interface IRateLimitGrain : IGrainWithStringKey
{
    /// <summary>Takes <paramref name="permits"/> from the current window if that many remain (none are taken otherwise).</summary>
    Task<RateLimitWindow> Acquire(RateLimitRule rule, int permits);

    /// <summary>The current window without taking anything (<see cref="RateLimitWindow.Acquired"/> says whether a permit remains).</summary>
    [ReadOnly]
    Task<RateLimitWindow> Peek(RateLimitRule rule);
}
