using Microsoft.Extensions.Logging;

namespace Flattr.Live;

/// <summary>Live notifications are best effort: sent without waiting, failures logged, never thrown at the sender.</summary>
static partial class BestEffort
{
    public static void Ignore(this Task notification, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.IsCompletedSuccessfully)
        {
            return;
        }

        // The continuation touches no grain state, so it may run on the thread pool rather than the grain's scheduler.
        notification.ContinueWith(
            static (task, state) => NotificationFailed((ILogger)state!, task.Exception!.GetBaseException()),
            logger,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live notification failed; the committed change stands")]
    static partial void NotificationFailed(ILogger logger, Exception exception);
}
