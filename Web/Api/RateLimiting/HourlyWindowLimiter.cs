using System.Threading.RateLimiting;

namespace Flattr.Web.Api.RateLimiting;

/// <summary>
/// One partition's limiter: the framework's <see cref="FixedWindowRateLimiter"/> counting the permits of one clock hour, never
/// replenished (the next hour is another partition). What it adds: it reports itself idle once its hour is over, so the rate
/// limiter middleware disposes it, and it leaves <see cref="ApiRateLimits"/> when disposed.
/// </summary>
public sealed class HourlyWindowLimiter : RateLimiter
{
    readonly FixedWindowRateLimiter _permits;
    readonly ApiRateLimits _registry;
    readonly TimeProvider _time;

    public HourlyWindowLimiter(ApiRateLimitKey key, int permitLimit, ApiRateLimits registry, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(time);
        Key = key;
        PermitLimit = permitLimit;
        _registry = registry;
        _time = time;
        _permits = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = ApiRateLimitKey.Window,
            QueueLimit = 0,
            AutoReplenishment = false,
        });
    }

    public ApiRateLimitKey Key { get; }

    public int PermitLimit { get; }

    public override TimeSpan? IdleDuration
    {
        get
        {
            var over = _time.GetUtcNow() - Key.WindowEnd;
            return over >= TimeSpan.Zero ? over : _permits.IdleDuration;
        }
    }

    public int Remaining => (int)(_permits.GetStatistics()?.CurrentAvailablePermits ?? 0);

    public override RateLimiterStatistics? GetStatistics() => _permits.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => _permits.AttemptAcquire(permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        _permits.AcquireAsync(permitCount, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _registry.Forget(this);
            _permits.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        _registry.Forget(this);
        await _permits.DisposeAsync();
    }
}
