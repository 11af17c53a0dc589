using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Flattr.Silo.Hosting.Health;

/// <summary>
/// What "ready" means for a Flattr process, as ASP.NET Core health checks tagged <see cref="ReadyTag"/>: the database
/// answers (AspNetCore.HealthChecks.NpgSql), every migration this code knows is applied (<see cref="MigrationsHealthCheck"/>)
/// and the process is in the cluster (<see cref="ClusterHealthCheck"/>: its silo active in the membership, or as a cluster
/// client, a gateway answering).
/// </summary>
public static class FlattrHealthChecks
{
    public const string ReadyTag = "ready";

    public static IHealthChecksBuilder AddFlattrHealthChecks(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var timeout = TimeSpan.FromSeconds(5);
        return services.AddHealthChecks()
            .AddNpgSql(connectionString, name: "database", tags: [ReadyTag], timeout: timeout)
            .AddTypeActivatedCheck<MigrationsHealthCheck>("migrations", null, [ReadyTag], timeout, connectionString)
            .AddCheck<ClusterHealthCheck>("cluster", null, [ReadyTag], timeout);
    }
}
