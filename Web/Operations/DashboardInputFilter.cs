using Flattr.Web.Hosting;
using Orleans.Runtime;

namespace Flattr.Web.Operations;

/// <summary>
/// The Orleans Dashboard's endpoints parse silo addresses and grain type names from the path and throw on anything they cannot
/// read: such a request is the caller's mistake, answered 400 with Flattr's error body instead of a 500. An unavailable
/// cluster or database still reaches the 503 handling; a cancelled request stays cancelled.
/// </summary>
public sealed partial class DashboardInputFilter(ILogger<DashboardInputFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (Exception e) when (e is not (OperationCanceledException or TimeoutException or OrleansException or DatabaseUnavailableException))
        {
            LogRefused(logger, context.HttpContext.Request.Path, e);
            return ErrorResponses.Result(FlattrErrors.InvalidParameters, "The dashboard could not read this request's path.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The Orleans Dashboard refused {Path}")]
    static partial void LogRefused(ILogger logger, PathString path, Exception exception);
}
