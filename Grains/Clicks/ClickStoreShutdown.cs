using Microsoft.Extensions.Hosting;

namespace Flattr.Clicks;

/// <summary>Drains the click writer when the host stops, so every accepted click is written or failed.</summary>
internal sealed class ClickStoreShutdown(ClickStore clicks) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => clicks.StopAsync(cancellationToken);
}
