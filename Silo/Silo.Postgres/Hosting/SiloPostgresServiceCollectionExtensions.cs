using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Silo.Persistence;
using Silo.Postgres.Migrations;
using Silo.Postgres.Reminders;
using Silo.Postgres.Schema;
using Silo.Postgres.Storage;
using Silo.Hosting;
using Silo.Reminders;

namespace Silo.Postgres.Hosting;

public static class SiloPostgresServiceCollectionExtensions
{
    /// <summary>
    /// Keeps grain state and reminders in the PostgreSQL database of <paramref name="connectionString"/>: registers a singleton
    /// <see cref="NpgsqlDataSource"/> unless one is registered, <see cref="PostgresGrainStorage"/> as the default
    /// <see cref="IGrainStorage"/> (and keyed "Default"), <see cref="PostgresReminderTable"/> as the <see cref="IReminderTable"/>,
    /// and the silo's schema as a migration module applied at start-up. Replaces any in-memory registrations, whether
    /// they were added before or after this call.
    /// </summary>
    public static IServiceCollection AddSiloPostgres(
        this IServiceCollection services, string connectionString, Action<SiloPostgresOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        services.TryAddSingleton(sp =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            if (sp.GetService<ILoggerFactory>() is { } loggerFactory)
            {
                builder.UseLoggerFactory(loggerFactory);
            }

            return builder.Build();
        });
        return services.AddSiloPostgres(configure);
    }

    /// <inheritdoc cref="AddSiloPostgres(IServiceCollection, string, Action{SiloPostgresOptions})"/>
    /// <remarks>The caller owns <paramref name="dataSource"/> and disposes it after the host.</remarks>
    public static IServiceCollection AddSiloPostgres(
        this IServiceCollection services, NpgsqlDataSource dataSource, Action<SiloPostgresOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dataSource);
        services.TryAddSingleton(dataSource);
        return services.AddSiloPostgres(configure);
    }

    /// <summary>As the other overloads, on the <see cref="NpgsqlDataSource"/> the application registers itself.</summary>
    public static IServiceCollection AddSiloPostgres(this IServiceCollection services, Action<SiloPostgresOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SiloPostgresOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp => new PostgresGrainStorage(
            sp.GetRequiredService<NpgsqlDataSource>(),
            ServiceIdOf(sp),
            sp.GetRequiredService<IOptions<SiloPostgresOptions>>().Value.Json));
        services.TryAddSingleton(sp => new PostgresReminderTable(sp.GetRequiredService<NpgsqlDataSource>(), ServiceIdOf(sp)));

        services.RemoveAll<IGrainStorage>();
        services.AddSingleton<IGrainStorage>(sp => sp.GetRequiredService<PostgresGrainStorage>());
        services.RemoveAllKeyed<IGrainStorage>(SiloPostgresOptions.DefaultStorageName);
        services.AddKeyedSingleton<IGrainStorage>(SiloPostgresOptions.DefaultStorageName, (sp, _) => sp.GetRequiredService<PostgresGrainStorage>());
        services.RemoveAll<IReminderTable>();
        services.AddSingleton<IReminderTable>(sp => sp.GetRequiredService<PostgresReminderTable>());

        return services.AddMigrationModule(SiloSchema.Module);
    }

    /// <summary>The override in <see cref="SiloPostgresOptions.ServiceId"/>, else the silo's own <see cref="SiloOptions.ServiceId"/>.</summary>
    static string ServiceIdOf(IServiceProvider services) =>
        services.GetRequiredService<IOptions<SiloPostgresOptions>>().Value.ServiceId is { Length: > 0 } serviceId
            ? serviceId
            : services.GetService<IOptions<SiloOptions>>()?.Value.ServiceId is { Length: > 0 } siloServiceId
                ? siloServiceId
                : throw new InvalidOperationException("No service id: set SiloOptions.ServiceId in AddSilo, or SiloPostgresOptions.ServiceId.");
}
