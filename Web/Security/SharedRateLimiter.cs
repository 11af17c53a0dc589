using System.Threading.RateLimiting;
using Flattr.Limits;
using Orleans;

namespace Flattr.Web.Security;

/// <summary>
/// One partition of a rate limit, for ASP.NET Core's rate limiter, whose count is shared by every node: each acquisition asks
/// the partition's <see cref="IRateLimitGrain"/>. It never grants synchronously (<see cref="AttemptAcquireCore"/> always
/// refuses, so the rate limiter middleware goes on to <see cref="AcquireAsyncCore"/>, which asks the grain); a refused lease
/// carries <see cref="MetadataName.RetryAfter"/>. This object is only a stub: the rate limiter may dispose it when idle and make
/// another, the count stays in the grain. <see cref="LastWindow"/> is the grain's latest answer, for the X-RateLimit headers.
/// </summary>
public sealed class SharedRateLimiter(IGrainFactory grains, string limit, string partition, RateLimitRule rule, TimeProvider time,
    Action<SharedRateLimiter>? disposed = null) : RateLimiter
{
    readonly IRateLimitGrain _counter = grains.GetRateLimit(limit, partition);
    long _lastUsedTicks = time.GetTimestamp();
    int _inFlight;

    /// <summary>The grain's latest answer to this node, if it answered yet.</summary>
    public RateLimitWindow? LastWindow { get; private set; }

    public override TimeSpan? IdleDuration =>
        Volatile.Read(ref _inFlight) > 0 ? null : time.GetElapsedTime(Volatile.Read(ref _lastUsedTicks));

    public override RateLimiterStatistics? GetStatistics() => LastWindow is { } window
        ? new RateLimiterStatistics { CurrentAvailablePermits = window.Remaining }
        : null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            var window = await _counter.Acquire(rule, permitCount).WaitAsync(cancellationToken);
            LastWindow = window;
            return window.Acquired ? Lease.Granted : new Lease(false, window.Reset - time.GetUtcNow());
        }
        finally
        {
            Volatile.Write(ref _lastUsedTicks, time.GetTimestamp());
            Interlocked.Decrement(ref _inFlight);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            disposed?.Invoke(this);
        }

        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore()
    {
        disposed?.Invoke(this);
        return ValueTask.CompletedTask;
    }

    sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        /// <summary>The synchronous attempt's answer: ask the grain (asynchronously).</summary>
        public static readonly Lease NotYet = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
