namespace Flattr.Web.Security;

/// <summary>
/// Refuses state-changing requests that a browser marks as coming from another site (<c>Sec-Fetch-Site: cross-site</c>),
/// in addition to antiforgery tokens: defence in depth against CSRF from the pages that embed our button.
/// </summary>
public sealed class CrossSiteRequestMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return next(context);
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (!string.Equals(site, "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        return Hosting.ErrorResponses.WriteAsync(
            context, StatusCodes.Status403Forbidden, FlattrErrors.Forbidden, "Cross-site requests are not accepted here.", context.RequestAborted);
    }
}
