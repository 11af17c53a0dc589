using Microsoft.Extensions.Hosting;

namespace Flattr.Clicks;

/// <summary>
/// Drains the click writer when the host stops, so every accepted click is written or failed. It drains once every hosted
/// service has stopped (<see cref="IHostedLifecycleService.StoppedAsync"/>), whatever the order they were registered in: the
/// silo (and the grains it deactivates) and the web server stop first, and what they queued until then is written.
/// </summary>
internal sealed class ClickStoreShutdown(ClickStore clicks) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => clicks.StopAsync(cancellationToken);
}
