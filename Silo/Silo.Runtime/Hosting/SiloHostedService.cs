using Microsoft.Extensions.Hosting;

namespace Silo.Hosting;

/// <summary>Starts the runtime's background services with the host and deactivates every activation when it stops.</summary>
sealed class SiloHostedService(SiloRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
