using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Flattr.Web.Hosting;

/// <summary>
/// Turns a transient failure into <c>503 Service Unavailable</c> with <c>Retry-After</c> and a Flattr error body, instead
/// of a 500 or a hang. Nothing needs restarting: the next request finds the database or the grain again.
/// <list type="bullet">
/// <item>The database cannot be reached right now (a restart, a failover, a cut connection): the grains answer
/// <see cref="DatabaseUnavailableException"/> for a transient Npgsql failure, e.g. inside a failed click batch.</item>
/// <item>The silo holding the grain has died and is not yet declared dead by the cluster (<see cref="IsClusterUnavailable"/>):
/// Orleans rejects the call or its answer times out. Once the membership declares the silo dead, the grain activates on a
/// survivor and the retry succeeds.</item>
/// </list>
/// Any other failure goes on to the error page as before.
/// </summary>
public sealed partial class ServiceUnavailableMiddleware(RequestDelegate next, ILogger<ServiceUnavailableMiddleware> logger)
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
        catch (Exception e) when (IsTransient(e) && !context.Response.HasStarted)
        {
            LogUnavailable(logger, context.Request.Method, context.Request.Path, e.GetType().Name, e.Message);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, Code, Localization.Texts.Current.ErrorUnavailable,
                context.RequestAborted);
        }
    }

    /// <summary>True for a failure that a retry a few seconds later can cure: the database or the cluster is briefly unavailable.</summary>
    public static bool IsTransient(Exception? exception) =>
        Find(exception, static e => e is DatabaseUnavailableException || IsClusterUnavailable(e) || IsDatabaseUnavailable(e));

    /// <summary>The web's own database reads (the shared key ring) failing for a passing reason, as the silo translates them.</summary>
    static bool IsDatabaseUnavailable(Exception exception) =>
        exception is Npgsql.NpgsqlException { IsTransient: true }
            or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.AdminShutdown or Npgsql.PostgresErrorCodes.CrashShutdown };

    /// <summary>
    /// Orleans' answers while a silo is lost: the message was rejected (<see cref="OrleansMessageRejectionException"/>,
    /// including <see cref="SiloUnavailableException"/>), the connection failed (<see cref="ConnectionFailedException"/>), a
    /// gateway is overloaded (<see cref="GatewayTooBusyException"/>), or the answer did not arrive within the messaging
    /// response time-out (<see cref="TimeoutException"/>).
    /// </summary>
    static bool IsClusterUnavailable(Exception exception) =>
        exception is OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException or TimeoutException;

    static bool Find(Exception? exception, Func<Exception, bool> match)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            if (match(exception))
            {
                return true;
            }

            if (exception is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Any(inner => Find(inner, match));
            }

            exception = exception.InnerException;
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Kind}: {Reason}")]
    static partial void LogUnavailable(ILogger logger, string method, PathString path, string kind, string reason);
}
