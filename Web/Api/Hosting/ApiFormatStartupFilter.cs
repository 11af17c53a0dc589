using Flattr.Web.Api.Errors;
using Microsoft.Net.Http.Headers;

namespace Flattr.Web.Api.Hosting;

/// <summary>
/// The answer's format, as Flattr's API let clients choose it: by a suffix on the resource (<c>/rest/v2/categories.json</c>,
/// <c>/users/alice/activities.as</c>) or by <c>Accept</c>. The API writes JSON only (activities: Activity Streams JSON), so a
/// JSON suffix is taken off before routing, and another suffix (<c>.xml</c>, <c>.yaml</c>…) or an <c>Accept</c> that allows no
/// JSON is answered <c>406 not_acceptable</c>. At the front of the pipeline, so routing sees the plain path.
/// </summary>
public sealed class ApiFormatStartupFilter : IStartupFilter
{
    static readonly PathString Document = ApiComposition.BasePath + "/openapi.json";

    static readonly MediaTypeHeaderValue[] Written =
    [
        new("application/json"),
        new("application/activity+json"),
        new("text/json"),
        new("text/javascript"),
    ];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, nextMiddleware) =>
        {
            var request = http.Request;
            if (!request.Path.StartsWithSegments(ApiComposition.BasePath, StringComparison.OrdinalIgnoreCase)
                || request.Path.Equals(Document, StringComparison.OrdinalIgnoreCase)
                || HttpMethods.IsOptions(request.Method))
            {
                await nextMiddleware(http);
                return;
            }

            var path = request.Path.Value!;
            var lastSegment = path[(path.LastIndexOf('/') + 1)..];
            var dot = lastSegment.LastIndexOf('.');
            if (dot > 0)
            {
                var suffix = lastSegment[(dot + 1)..].ToLowerInvariant();
                if (suffix is not ("json" or "as"))
                {
                    await ApiErrors.WriteAsync(http, ApiErrorCodes.NotAcceptable,
                        $"The API answers in JSON only; '.{suffix}' is not a format it writes.", http.RequestAborted);
                    return;
                }

                request.Path = path[..(path.Length - suffix.Length - 1)];
            }
            else if (!AcceptsJson(request))
            {
                await ApiErrors.WriteAsync(http, ApiErrorCodes.NotAcceptable,
                    "The API answers in JSON only (application/json); the Accept header allows no such answer.", http.RequestAborted);
                return;
            }

            await nextMiddleware(http);
        });
        next(app);
    };

    /// <summary>No Accept (or one that cannot be read) accepts anything; otherwise one range with a quality above 0 must cover JSON.</summary>
    static bool AcceptsJson(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Count == 0 || accept.Any(range => range.Quality is not 0 && Written.Any(written => written.IsSubsetOf(range)));
    }
}
