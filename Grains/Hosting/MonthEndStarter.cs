using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;

namespace Flattr.Hosting;

/// <summary>Registers the month-end reminder once the silo runs (idempotent: the reminder is durable, this only makes sure it exists).</summary>
sealed class MonthEndStarter(IGrainFactory grains, IOptions<MonthEndOptions> options) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken) =>
        options.Value.StartMonthEndReminder ? grains.GetMonthEnd().Ensure().WaitAsync(cancellationToken) : Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
