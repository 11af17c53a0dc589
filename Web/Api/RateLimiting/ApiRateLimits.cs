using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Flattr.Limits;
using Flattr.Web.Api.Authentication;
using Flattr.Web.Api.Hosting;
using Flattr.Web.Security;
using Microsoft.Extensions.Options;
using Orleans;

namespace Flattr.Web.Api.RateLimiting;

/// <summary>
/// The API's hourly windows. Each caller's count lives in one <see cref="IRateLimitGrain"/> for the whole cluster (limit
/// <c>api</c>, partition the caller), so a token's limit holds however its requests are spread over the nodes. This node's
/// limiters (<see cref="SharedRateLimiter"/> stubs, owned by the rate limiter middleware) are kept by partition so that the
/// <c>X-RateLimit-*</c> headers show the grain's answer to the request; <c>GET /rate_limit</c> asks the grain.
/// </summary>
public sealed class ApiRateLimits(IOptions<ApiOptions> options, IGrainFactory grains, TimeProvider time)
{
    const string Limit = "api";

    readonly ConcurrentDictionary<ApiRateLimitKey, SharedRateLimiter> _windows = new();

    /// <summary>The caller's partition now: its token, or its address when it has none.</summary>
    public ApiRateLimitKey KeyFor(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = ApiCaller.From(http);
        var name = caller.TokenId is { } token
            ? "token:" + token
            : "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return new ApiRateLimitKey(name, ApiRateLimitKey.HourOf(time.GetUtcNow()));
    }

    public int LimitFor(ApiRateLimitKey key) =>
        key.Caller.StartsWith("token:", StringComparison.Ordinal) ? options.Value.TokenRequestsPerHour : options.Value.AddressRequestsPerHour;

    public RateLimiter Create(ApiRateLimitKey key)
    {
        var limiter = new SharedRateLimiter(grains, Limit, key.Caller, Rule(key), time,
            disposed => _windows.TryRemove(new KeyValuePair<ApiRateLimitKey, SharedRateLimiter>(key, disposed)));
        _windows[key] = limiter;
        return limiter;
    }

    /// <summary>The window as the grain last answered this node for the key (after this request's permit), else as it is now.</summary>
    public async Task<(int Limit, int Remaining, DateTimeOffset Reset)> ReadAsync(ApiRateLimitKey key)
    {
        var window = _windows.TryGetValue(key, out var limiter) && limiter.LastWindow is { } last
            ? last
            : await grains.GetRateLimit(Limit, key.Caller).Peek(Rule(key));
        return (window.Limit, window.Remaining, window.Reset);
    }

    /// <summary>The window as it is now, asked of the grain (for <c>GET /rate_limit</c>, which takes no permit).</summary>
    public async Task<(int Limit, int Remaining, DateTimeOffset Reset)> PeekAsync(ApiRateLimitKey key)
    {
        var window = await grains.GetRateLimit(Limit, key.Caller).Peek(Rule(key));
        return (window.Limit, window.Remaining, window.Reset);
    }

    RateLimitRule Rule(ApiRateLimitKey key) => new(LimitFor(key), ApiRateLimitKey.Window);
}
