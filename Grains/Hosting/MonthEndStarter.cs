using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;

namespace Flattr.Hosting;

/// <summary>
/// Registers the month-end reminder once the silo runs (idempotent: the reminder is durable, this only makes sure it exists).
/// A passing failure (the database dropping its connections at that moment) is logged and retried, never a failed start.
/// </summary>
sealed partial class MonthEndStarter(IGrainFactory grains, IOptions<MonthEndOptions> options, ILogger<MonthEndStarter> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken) =>
        options.Value.StartMonthEndReminder
            ? BackgroundRetry.Pipeline(TimeProvider.System, (e, pause) => LogRetrying(logger, pause, e))
                .ExecuteAsync(async token => await grains.GetMonthEnd().Ensure().WaitAsync(token), cancellationToken).AsTask()
            : Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering the month-end reminder failed; trying again in {Pause}")]
    static partial void LogRetrying(ILogger logger, TimeSpan pause, Exception exception);
}
