using System.Net;
using System.Net.Sockets;
using Flattr.Hosting;
using Flattr.Silo.Database.LocalServer;
using Flattr.Silo.Database.Migrations;
using Flattr.Silo.Database.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Flattr.Silo.Hosting;

/// <summary>
/// How every Flattr process joins the Orleans cluster: the headless silo (<c>Silo</c>), the web co-hosting a silo (the
/// default) or the web as a cluster client, the operator commands and the tests. All of them name one PostgreSQL database
/// (<c>ConnectionStrings:Flattr</c>, else the private local server), whose membership table Orleans' ADO.NET clustering
/// uses to find silos and gateways; grain state and reminders are kept there by Orleans' ADO.NET providers.
/// </summary>
public static class FlattrSiloHosting
{
    public const string ConnectionStringName = "Flattr";

    /// <summary>The ADO.NET invariant Orleans' providers load Npgsql by.</summary>
    public const string AdoNetInvariant = "Npgsql";

    /// <summary>The section bound to Orleans' own options: <c>GrainCollection</c>, <c>Messaging</c>, <c>Membership</c>.</summary>
    public const string OrleansSection = "Flattr:Silo";

    /// <summary>The configured connection string, or one to a private PostgreSQL started (or reused) under the repository's .pgdata/.</summary>
    public static async Task<string> ConnectionStringAsync(IConfiguration configuration, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } configured
            ? configured
            : await LocalPostgres.StartAsync(new LocalPostgresOptions(), logger ?? NullLogger.Instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cluster settings of <paramref name="configuration"/> (section <see cref="FlattrClusterOptions.Section"/>).</summary>
    public static FlattrClusterOptions ClusterOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(FlattrClusterOptions.Section).Get<FlattrClusterOptions>() ?? new FlattrClusterOptions();
    }

    /// <summary>
    /// Makes the web process a member of Flattr's cluster as its configuration says (<see cref="FlattrClusterOptions.WebRole"/>):
    /// a co-hosted silo by default, else a cluster client. Either way the web gets an <see cref="IGrainFactory"/>.
    /// </summary>
    public static IHostApplicationBuilder UseFlattrCluster(this IHostApplicationBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        return ClusterOptions(configuration).WebRole == FlattrClusterRole.Client
            ? builder.UseOrleansClient(client => client.AddFlattrClient(configuration, connectionString))
            : builder.UseOrleans(silo => silo.AddFlattrSilo(configuration, connectionString));
    }

    /// <summary>A silo of Flattr's cluster: ADO.NET membership, endpoints, and everything of <see cref="AddFlattrGrainHost"/>.</summary>
    public static ISiloBuilder AddFlattrSilo(this ISiloBuilder silo, IConfiguration configuration, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var cluster = ClusterOptions(configuration);
        JoinCluster(silo.Services, cluster);
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = AdoNetInvariant;
            options.ConnectionString = connectionString;
        });
        var address = AdvertisedAddress(cluster.AdvertisedAddress);
        silo.ConfigureEndpoints(address, PortOrFree(cluster.SiloPort), PortOrFree(cluster.GatewayPort), listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
        silo.AddFlattrOperations(configuration);
        return silo.AddFlattrGrainHost(configuration, connectionString);
    }

    /// <summary>
    /// What a Flattr silo runs, without membership and endpoints (a test cluster brings its own): Flattr's grains and
    /// stores, grain state and reminders through Orleans' ADO.NET providers, the schema migrations applied before the silo
    /// starts, one <see cref="NpgsqlDataSource"/> for the stores, and Orleans' own options from <see cref="OrleansSection"/>.
    /// </summary>
    public static ISiloBuilder AddFlattrGrainHost(this ISiloBuilder silo, IConfiguration configuration, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        silo.AddAdoNetGrainStorageAsDefault(options =>
        {
            options.Invariant = AdoNetInvariant;
            options.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = AdoNetInvariant;
            options.ConnectionString = connectionString;
        });

        var services = silo.Services;
        PinRuntimeClocks(services);
        var orleans = configuration.GetSection(OrleansSection);
        services.Configure<GrainCollectionOptions>(orleans.GetSection("GrainCollection"));
        services.Configure<SiloMessagingOptions>(orleans.GetSection("Messaging"));
        services.Configure<ClusterMembershipOptions>(orleans.GetSection("Membership"));

        services.TryAddSingleton(sp =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            if (sp.GetService<ILoggerFactory>() is { } loggerFactory)
            {
                builder.UseLoggerFactory(loggerFactory);
            }

            return builder.Build();
        });
        foreach (var module in SchemaModules.All)
        {
            services.AddMigrationModule(module);
        }

        services.AddFlattrGrains(configuration);
        return silo;
    }

    /// <summary>A cluster client of Flattr's silos: it finds their gateways in the membership table.</summary>
    public static IClientBuilder AddFlattrClient(this IClientBuilder client, IConfiguration configuration, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(client);
        JoinCluster(client.Services, ClusterOptions(configuration));
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = AdoNetInvariant;
            options.ConnectionString = connectionString;
        });
        PinRuntimeClocks(client.Services);
        client.AddFlattrOperations(configuration);
        return client;
    }

    /// <summary>The cluster's and the service's names, the same for every silo and client of one deployment.</summary>
    static void JoinCluster(IServiceCollection services, FlattrClusterOptions cluster) =>
        services.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });

    /// <summary>
    /// Orleans' own machinery (messaging time-outs, membership probes, directory and activation upkeep) keeps the real clock
    /// whatever <see cref="TimeProvider"/> the application registers: grains and reminders follow the application's clock
    /// (a test's FakeTimeProvider moves months), while a fake clock never stalls the cluster itself.
    /// </summary>
    static void PinRuntimeClocks(IServiceCollection services)
    {
        foreach (var area in s_runtimeClockAreas)
        {
            services.TryAddKeyedSingleton(area, TimeProvider.System);
        }
    }

    static readonly string[] s_runtimeClockAreas =
    [
        TimeProviderNames.Messaging,
        TimeProviderNames.SystemTimers,
        TimeProviderNames.Membership,
        TimeProviderNames.ActivationManagement,
        TimeProviderNames.GrainDirectory,
    ];

    /// <summary>An IP address as written, or the first IPv4 address a host name resolves to (a container's service name).</summary>
    static IPAddress AdvertisedAddress(string address) =>
        IPAddress.TryParse(address, out var ip)
            ? ip
            : Dns.GetHostAddresses(address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw new InvalidOperationException($"{FlattrClusterOptions.Section}:AdvertisedAddress '{address}' resolves to no IPv4 address.");

    /// <summary>The port, or a free one on this machine for 0 (a test, an operator command beside a running web).</summary>
    static int PortOrFree(int port) => port != 0 ? port : FreePorts.Take();
}
