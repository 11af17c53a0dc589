using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flattr.Silo.Hosting;

/// <summary>
/// Log lines of every Flattr process: outside Development, JSON lines (the built-in console JSON formatter) with the scopes,
/// among them the current trace's <c>TraceId</c>, <c>SpanId</c> and <c>ParentId</c>, so a line of a request leads to its trace;
/// in Development the simple console as before.
/// </summary>
public static class FlattrLogFormat
{
    public static ILoggingBuilder AddFlattrLogFormat(this ILoggingBuilder logging, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(environment);
        logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (!environment.IsDevelopment())
        {
            logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        return logging;
    }
}
