using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans;
using Orleans.Runtime;

namespace Flattr.Silo.Hosting.Health;

/// <summary>
/// A silo is ready when the cluster's membership, as this silo sees it, has it active (not joining, not shutting down, not
/// declared dead). A cluster client (the web with <c>WebRole=Client</c>) is ready when a gateway answers it: the management
/// grain lists the active silos.
/// </summary>
public sealed class ClusterHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<ILocalSiloDetails>() is { } silo)
        {
            var status = services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
            return status == SiloStatus.Active
                ? HealthCheckResult.Healthy("This silo is active in the cluster.")
                : HealthCheckResult.Unhealthy($"This silo is {status} in the cluster's membership.");
        }

        var hosts = await services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken).ConfigureAwait(false);
        return hosts.Count > 0
            ? HealthCheckResult.Healthy($"Connected to a cluster of {hosts.Count} active silo(s).")
            : HealthCheckResult.Unhealthy("The cluster has no active silo.");
    }
}
