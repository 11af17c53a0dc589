using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Flattr.Web.Security.DataProtection;

/// <summary>
/// One data protection key ring for the whole cluster: keys in PostgreSQL (<see cref="PostgresXmlRepository"/>) and one
/// application name on every node (by default it is the content root path, which differs from node to node and would keep
/// each node's payloads apart even with shared keys).
/// </summary>
public static class SharedKeyRing
{
    public const string ApplicationName = "flattr";

    /// <summary>The data source of a web node without a co-hosted silo (a cluster client): from <c>ConnectionStrings:Flattr</c>.</summary>
    const string OwnDataSource = "flattr.data-protection";

    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.TryAddKeyedSingleton(OwnDataSource, static (sp, _) => NpgsqlDataSource.Create(
            sp.GetRequiredService<IConfiguration>().GetConnectionString(Flattr.Silo.Hosting.FlattrSiloHosting.ConnectionStringName)
            ?? throw new InvalidOperationException("The data protection keys live in PostgreSQL: set ConnectionStrings:Flattr.")));
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new PostgresXmlRepository(
                sp.GetService<NpgsqlDataSource>() ?? sp.GetRequiredKeyedService<NpgsqlDataSource>(OwnDataSource))));
        return services;
    }
}
