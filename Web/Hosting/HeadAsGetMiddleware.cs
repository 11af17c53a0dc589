namespace Flattr.Web.Hosting;

/// <summary>
/// Answers <c>HEAD</c> wherever <c>GET</c> is answered (RFC 9110 §9.3.2): link checkers, feed readers and README badge
/// proxies send it, and minimal-API <c>MapGet</c> endpoints (badges, scripts, counts, the API's reads) would answer 405.
/// The request goes on as a GET; Kestrel still knows it was HEAD and sends the headers without the body.
/// </summary>
public sealed class HeadAsGetMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Request.Method = HttpMethods.Get;
        }

        return next(context);
    }
}
