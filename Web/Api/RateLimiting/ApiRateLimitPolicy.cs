using System.Globalization;
using System.Threading.RateLimiting;
using Flattr.Web.Api.Errors;
using Microsoft.AspNetCore.RateLimiting;

namespace Flattr.Web.Api.RateLimiting;

/// <summary>
/// The API's rate-limit policy for ASP.NET Core's rate limiter middleware: a fixed hourly window per token (or per client
/// address without a token), counted for the whole cluster (<see cref="ApiRateLimits"/>). Every limited answer carries Flattr's <c>X-RateLimit-Limit</c>, <c>-Remaining</c>, <c>-Current</c>
/// and <c>-Reset</c> (unix time) headers; a refused request gets 429 <c>rate_limit_exceeded</c> with <c>Retry-After</c>.
/// </summary>
public sealed class ApiRateLimitPolicy(ApiRateLimits windows) : IRateLimiterPolicy<ApiRateLimitKey>
{
    public const string Name = "flattr-api";

    static readonly object HeadersRegistered = new();

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (context, cancellationToken) =>
    {
        var http = context.HttpContext;
        var key = http.RequestServices.GetRequiredService<ApiRateLimits>().KeyFor(http);
        var wait = key.WindowEnd - http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return new ValueTask(ApiErrors.WriteAsync(
            http, ApiErrorCodes.RateLimitExceeded, "Too many requests this hour; see the X-RateLimit-Reset header.", cancellationToken));
    };

    public RateLimitPartition<ApiRateLimitKey> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var key = windows.KeyFor(httpContext);
        if (httpContext.Items.TryAdd(HeadersRegistered, key))
        {
            // The middleware may ask twice (a refused attempt is retried as a wait); one set of headers is enough.
            httpContext.Response.OnStarting(async () => WriteHeaders(httpContext.Response.Headers, await windows.ReadAsync(key)));
        }

        return RateLimitPartition.Get(key, windows.Create);
    }

    public static void WriteHeaders(IHeaderDictionary headers, (int Limit, int Remaining, DateTimeOffset Reset) window)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers["X-RateLimit-Limit"] = window.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = window.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Current"] = (window.Limit - window.Remaining).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = window.Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }
}
