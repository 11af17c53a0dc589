using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Flattr.Web.Api.Authentication;
using Flattr.Web.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Flattr.Web.Api.RateLimiting;

/// <summary>
/// The live hourly windows by partition, so that the <c>X-RateLimit-*</c> headers and <c>GET /rate_limit</c> can read a
/// caller's counts; the rate limiter middleware owns the limiters' lifetime.
/// </summary>
public sealed class ApiRateLimits(IOptions<ApiOptions> options, TimeProvider time)
{
    readonly ConcurrentDictionary<ApiRateLimitKey, HourlyWindowLimiter> _windows = new();

    /// <summary>The caller's partition now: its token, or its address when it has none.</summary>
    public ApiRateLimitKey KeyFor(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = ApiCaller.From(http);
        var name = caller.TokenId is { } token
            ? "token:" + token.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return new ApiRateLimitKey(name, ApiRateLimitKey.HourOf(time.GetUtcNow()));
    }

    public int LimitFor(ApiRateLimitKey key) =>
        key.Caller.StartsWith("token:", StringComparison.Ordinal) ? options.Value.TokenRequestsPerHour : options.Value.AddressRequestsPerHour;

    public RateLimiter Create(ApiRateLimitKey key)
    {
        var limiter = new HourlyWindowLimiter(key, LimitFor(key), this, time);
        _windows[key] = limiter;
        return limiter;
    }

    /// <summary>The window's limit, what remains of it and when it ends (a window not yet used is full).</summary>
    public (int Limit, int Remaining, DateTimeOffset Reset) Read(ApiRateLimitKey key)
    {
        var limit = LimitFor(key);
        return _windows.TryGetValue(key, out var window)
            ? (window.PermitLimit, window.Remaining, key.WindowEnd)
            : (limit, limit, key.WindowEnd);
    }

    public void Forget(HourlyWindowLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        _windows.TryRemove(new KeyValuePair<ApiRateLimitKey, HourlyWindowLimiter>(limiter.Key, limiter));
    }
}
