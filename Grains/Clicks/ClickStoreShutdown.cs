using Microsoft.Extensions.Hosting;

namespace Flattr.Clicks;

/// <summary>
/// Drains the click writer when the host stops, so every accepted click is written or failed. It drains once every hosted
/// service has stopped (<see cref="IHostedLifecycleService.StoppedAsync"/>), whatever the order they were registered in: the
/// silo (and the grains it deactivates) and the web server stop first, and what they queued until then is written. Should the
/// host's time to stop run out first (its token cancelled: a shutdown timeout, a killed silo), it stops waiting, as
/// <see cref="BackgroundService"/> does, rather than fail the host's stop: the store already refuses new clicks, and the
/// queued ones complete or fail as the writer reaches them.
/// </summary>
internal sealed class ClickStoreShutdown(ClickStore clicks) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await clicks.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Out of time: see the summary.
        }
    }
}
