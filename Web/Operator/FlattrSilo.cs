using Flattr.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Silo.Hosting;
using Silo.Postgres.Hosting;
using Silo.Postgres.LocalServer;

namespace Flattr.Web.Operator;

/// <summary>
/// The silo every Flattr process hosts (the web app and the operator commands alike): the grain runtime on PostgreSQL
/// (<c>ConnectionStrings:Flattr</c>, or a private local server when none is configured) with Flattr's grains, which are
/// loaded by assembly name so that the web never names a grain class.
/// </summary>
public static class FlattrSilo
{
    public const string ConnectionStringName = "Flattr";

    /// <summary>The configuration section bound to <see cref="SiloOptions"/>.</summary>
    public const string SiloSection = "Flattr:Silo";

    /// <summary>The configured connection string, or one to a private PostgreSQL started (or reused) under the repository's .pgdata/.</summary>
    public static async Task<string> ConnectionStringAsync(IConfiguration configuration, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } configured
            ? configured
            : await LocalPostgres.StartAsync(new LocalPostgresOptions(), logger ?? NullLogger.Instance, cancellationToken);
    }

    public static IServiceCollection AddFlattrSilo(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var serviceId = configuration["Flattr:ServiceId"] is { Length: > 0 } configured ? configured : "flattr";
        services.AddSilo(silo => silo.ServiceId = serviceId);

        // Runtime tuning for operators (and the soak): e.g. Flattr:Silo:CollectionAge, CollectionQuantum, ResponseTimeout.
        services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloSection));
        services.AddSiloPostgres(connectionString, postgres => postgres.ServiceId = serviceId);
        services.AddFlattrGrainsByName(configuration);
        return services;
    }
}
