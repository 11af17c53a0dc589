using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Flattr.Silo.Database.Migrations;

/// <summary>
/// The <c>migrate</c> command line: applies the migrations and prints what it did, without starting the host.
/// A deployment can run it before starting new processes; the host also applies migrations itself at start-up.
/// </summary>
public static class MigrationCommand
{
    /// <summary>Applies every module registered in <paramref name="services"/> to the registered <see cref="NpgsqlDataSource"/>.</summary>
    /// <returns>The process exit code: 0 on success, 1 when the migrations cannot be applied.</returns>
    public static Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(MigrationCommand).FullName!) ?? NullLogger.Instance;
        return RunAsync(
            services.GetRequiredService<NpgsqlDataSource>(),
            services.GetServices<IMigrationModule>(),
            output,
            logger,
            cancellationToken);
    }

    /// <inheritdoc cref="RunAsync(IServiceProvider, TextWriter, CancellationToken)"/>
    public static async Task<int> RunAsync(string connectionString, IEnumerable<IMigrationModule> modules, TextWriter output, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await RunAsync(dataSource, modules, output, NullLogger.Instance, cancellationToken).ConfigureAwait(false);
    }

    static async Task<int> RunAsync(
        NpgsqlDataSource dataSource,
        IEnumerable<IMigrationModule> modules,
        TextWriter output,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var applied = await MigrationRunner.ApplyAsync(dataSource, modules, logger, cancellationToken).ConfigureAwait(false);
            foreach (var script in applied)
            {
                await output.WriteLineAsync($"applied {script.Module} {script.Version:D4}_{script.Name}").ConfigureAwait(false);
            }

            await output.WriteLineAsync(applied.Count == 0 ? "database is up to date" : $"{applied.Count} migrations applied").ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is MigrationException or NpgsqlException)
        {
            await output.WriteLineAsync("migration failed: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }
}
