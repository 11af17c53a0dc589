using System.Globalization;
using System.Threading.RateLimiting;
using Flattr.Web.Accounts;
using Flattr.Web.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Flattr.Web.Security;

/// <summary>The named rate-limit policies: sign-in per client address, flattrs per giver.</summary>
public static class RateLimits
{
    public const string SignIn = "signin";
    public const string Flattr = "flattr";

    public const string TooManyRequestsCode = "rate_limit_exceeded";

    /// <summary>The answer to a throttled request: 429, Retry-After, and the Flattr error body.</summary>
    public static Task RejectAsync(HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.RetryAfter = "60";
        return ErrorResponses.WriteAsync(http, StatusCodes.Status429TooManyRequests, TooManyRequestsCode, Localization.Texts.Current.ErrorTooManyRequests,
            cancellationToken);
    }

    public static IServiceCollection AddFlattrRateLimits(this IServiceCollection services) =>
        services.AddSingleton<SignInThrottle>().AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = static (context, cancellationToken) => new ValueTask(RejectAsync(context.HttpContext, cancellationToken));

            // Only password checks are limited: showing the form stays free.
            limiter.AddPolicy(SignIn, http =>
            {
                if (!HttpMethods.IsPost(http.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                var permits = http.RequestServices.GetRequiredService<IOptions<FlattrWebOptions>>().Value.SignInAttemptsPerMinute;
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });

            limiter.AddPolicy(Flattr, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<FlattrWebOptions>>().Value.FlattrsPerMinute;
                var key = http.User.UserId()?.ToString(CultureInfo.InvariantCulture) ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute,
                    TokensPerPeriod = Math.Max(1, perMinute / 60),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
}
