using System.Globalization;
using System.Threading.RateLimiting;
using Flattr.Limits;
using Flattr.Web.Accounts;
using Flattr.Web.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Orleans;

namespace Flattr.Web.Security;

/// <summary>
/// The named rate-limit policies: sign-in per client address, flattrs per giver (per address when signed out). Both count in a
/// <see cref="SharedRateLimiter"/>, so the limit holds across every node: a fixed window of one clock minute.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "signin";
    public const string Flattr = "flattr";

    public const string TooManyRequestsCode = "rate_limit_exceeded";

    /// <summary>The answer to a throttled request: 429, Retry-After, and the Flattr error body (a page of the site for a browser).</summary>
    public static Task RejectAsync(HttpContext http, CancellationToken cancellationToken) => RejectAsync(http, null, cancellationToken);

    /// <summary>As <see cref="RejectAsync(HttpContext, CancellationToken)"/>, with the wait the limiter knows (else a minute).</summary>
    public static Task RejectAsync(HttpContext http, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var seconds = retryAfter is { } wait ? Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ErrorResponses.WriteAsync(http, StatusCodes.Status429TooManyRequests, TooManyRequestsCode, Localization.Texts.Current.ErrorTooManyRequests,
            cancellationToken);
    }

    public static IServiceCollection AddFlattrRateLimits(this IServiceCollection services) =>
        services.AddSingleton<SignInThrottle>().AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = static (context, cancellationToken) => new ValueTask(RejectAsync(context.HttpContext,
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null, cancellationToken));

            // Only password checks are limited: showing the form stays free.
            limiter.AddPolicy(SignIn, http =>
            {
                if (!HttpMethods.IsPost(http.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                var permits = http.RequestServices.GetRequiredService<IOptions<FlattrWebOptions>>().Value.SignInAttemptsPerMinute;
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return Shared(http, "signin-address", client, new RateLimitRule(permits, TimeSpan.FromMinutes(1)));
            });

            limiter.AddPolicy(Flattr, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<FlattrWebOptions>>().Value.FlattrsPerMinute;
                var key = http.User.UserId()?.ToString(CultureInfo.InvariantCulture) ?? "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                return Shared(http, "flattr", key, new RateLimitRule(perMinute, TimeSpan.FromMinutes(1)));
            });
        });

    /// <summary>The partition <paramref name="limit"/>/<paramref name="partition"/> of a limit shared by every node.</summary>
    static RateLimitPartition<string> Shared(HttpContext http, string limit, string partition, RateLimitRule rule) =>
        RateLimitPartition.Get(limit + "/" + partition, _ => new SharedRateLimiter(
            http.RequestServices.GetRequiredService<IGrainFactory>(), limit, partition, rule,
            http.RequestServices.GetRequiredService<TimeProvider>()));
}
