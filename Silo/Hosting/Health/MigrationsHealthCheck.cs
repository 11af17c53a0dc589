using Flattr.Silo.Database.Migrations;
using Flattr.Silo.Database.Schema;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Flattr.Silo.Hosting.Health;

/// <summary>Healthy when the database has every migration script of every module this code carries (<see cref="SchemaModules.All"/>).</summary>
public sealed class MigrationsHealthCheck(string connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var pending = await MigrationRunner.PendingAsync(connection, SchemaModules.All, cancellationToken).ConfigureAwait(false);
        return pending.Count == 0
            ? HealthCheckResult.Healthy("Every migration is applied.")
            : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied, first {pending[0]}.");
    }
}
