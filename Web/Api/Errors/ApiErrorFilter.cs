using Flattr.Web.Api.Hosting;
using Flattr.Web.Hosting;

namespace Flattr.Web.Api.Errors;

/// <summary>
/// Turns whatever a handler throws into a Flattr error body: rule violations and bad input into their 4xx codes, and any
/// other fault into a logged 500 <c>server_error</c> in the same shape, so that API clients never get an HTML page.
/// A transient failure (the database or a silo briefly away) is left to <see cref="ServiceUnavailableMiddleware"/>, which
/// answers 503 with <c>Retry-After</c> and the same error body, as it does for the pages.
/// </summary>
public sealed class ApiErrorFilter(ILogger<ApiErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (Exception e) when (ApiErrors.ForException(e) is { } result)
        {
            return result;
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody reads an answer.
            return Results.Empty;
        }
        catch (Exception e) when (!ServiceUnavailableMiddleware.IsTransient(e))
        {
            ApiLog.Fault(logger, context.HttpContext.Request.Method, context.HttpContext.Request.Path, e);
            return ApiErrors.Result(ApiErrorCodes.ServerError, "Something went wrong on our side; the request may be retried.");
        }
    }
}
