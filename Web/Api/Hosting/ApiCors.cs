using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Flattr.Web.Api.Hosting;

/// <summary>
/// CORS for the API's reads: any origin may GET (tokens travel in the Authorization header, never in cookies, so nothing is
/// exposed that the token does not already grant). Writes are not opened to browsers on other sites.
/// </summary>
public static class ApiCors
{
    public const string PolicyName = "flattr-api-reads";

    public static void AddPolicy(CorsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(PolicyName, policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get)
            .WithHeaders("Authorization", "Accept", "Accept-Language", "Content-Language")
            .WithExposedHeaders("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Current", "X-RateLimit-Reset", "Link", "Location")
            .SetPreflightMaxAge(TimeSpan.FromHours(1)));
    }

    /// <summary>Reads (and their preflights) under <c>/rest/v2</c>.</summary>
    public static bool Applies(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = http.Request;
        return request.Path.StartsWithSegments(ApiComposition.BasePath, StringComparison.OrdinalIgnoreCase)
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsOptions(request.Method));
    }
}
