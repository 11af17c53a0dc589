namespace Flattr.Web.Security;

/// <summary>
/// Sets the response headers that keep Flattr's pages from being framed, sniffed or leaking referrers.
/// Registered first (so static files and error pages get them too); the headers are written when the response starts, after
/// routing has chosen the endpoint that decides whether framing is allowed.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // Scripts and styles come only from our own origin: no inline script anywhere, so data reaches scripts through data- attributes.
    const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-src 'self'; ";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (headers.ContentSecurityPolicy.Count > 0)
            {
                // The endpoint wrote its own policy (the SVG badge): keep it, only forbid framing unless allowed.
                return Task.CompletedTask;
            }

            var framable = http.GetEndpoint()?.Metadata.GetMetadata<AllowFramingByAnySiteAttribute>() is not null;
            if (framable)
            {
                // The button frame is embedded by any site; its spend is protected by the first-party confirmation instead.
                headers.ContentSecurityPolicy = PagePolicy + "frame-ancestors *";
            }
            else
            {
                headers.ContentSecurityPolicy = PagePolicy + "frame-ancestors 'none'";
                headers.XFrameOptions = "DENY";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
