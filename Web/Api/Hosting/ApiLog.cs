namespace Flattr.Web.Api.Hosting;

static partial class ApiLog
{
    [LoggerMessage(1, LogLevel.Error, "API request {Method} {Path} failed")]
    public static partial void Fault(ILogger logger, string method, PathString path, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Could not release the idempotency key of a failed API request")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception);
}
