namespace Flattr.Web.Hosting;

/// <summary>
/// A Flattr rule refusal (<see cref="FlattrException"/>) that a page or endpoint did not handle itself is still the caller's
/// mistake: answers the code's status (400 for <c>invalid_parameters</c>, 404 for <c>not_found</c>, …) with a Flattr error
/// body, instead of a 500. For example a search text over its limit typed into /search.
/// </summary>
public sealed class FlattrExceptionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (FlattrException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await ErrorResponses.WriteAsync(context, FlattrErrors.HttpStatusFor(e.Code), e.Code, Button.Flattring.Explain(e), context.RequestAborted);
        }
    }
}
