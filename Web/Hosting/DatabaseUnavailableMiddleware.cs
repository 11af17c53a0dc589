namespace Flattr.Web.Hosting;

/// <summary>
/// Turns "the database cannot be reached right now" (a restart, a failover, a cut connection: the grains answer
/// <see cref="DatabaseUnavailableException"/> for a transient Npgsql failure, e.g. inside a failed click batch) into <c>503 Service Unavailable</c> with
/// <c>Retry-After</c> and a Flattr error body, instead of a 500. Nothing needs restarting: the next request opens new
/// connections. Any other failure goes on to the error page as before.
/// </summary>
public sealed partial class DatabaseUnavailableMiddleware(RequestDelegate next, ILogger<DatabaseUnavailableMiddleware> logger)
{
    public const string Code = "service_unavailable";
    const string RetryAfterSeconds = "5";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsDatabaseUnavailable(e) && !context.Response.HasStarted)
        {
            LogUnavailable(logger, context.Request.Method, context.Request.Path, e.Message);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, Code, Localization.Texts.Current.ErrorUnavailable,
                context.RequestAborted);
        }
    }

    /// <summary>True when the grains reported the database unavailable (connection refused or lost, server shutting down or starting).</summary>
    public static bool IsDatabaseUnavailable(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            if (exception is DatabaseUnavailableException)
            {
                return true;
            }

            if (exception is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Any(IsDatabaseUnavailable);
            }

            exception = exception.InnerException;
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the database is unavailable ({Reason})")]
    static partial void LogUnavailable(ILogger logger, string method, PathString path, string reason);
}
