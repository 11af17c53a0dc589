using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Flattr.Silo.Database.Migrations;

/// <summary>
/// Applies every registered <see cref="IMigrationModule"/> while the host is starting, before any hosted service's
/// <c>StartAsync</c> (the silo's included): the host runs all <see cref="IHostedLifecycleService.StartingAsync"/> first,
/// and this service is registered first of all.
/// </summary>
public sealed class MigrationHostedService(
    NpgsqlDataSource dataSource,
    IEnumerable<IMigrationModule> modules,
    ILogger<MigrationHostedService> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var list = modules.ToList();
        MigrationLog.Starting(logger, string.Join(", ", list.Select(m => m.Name)));
        await MigrationRunner.ApplyAsync(dataSource, list, logger, cancellationToken).ConfigureAwait(false);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
