using Microsoft.Extensions.Configuration;
using Orleans.Dashboard;

namespace Flattr.Silo.Hosting;

/// <summary>
/// The cluster's side of what operators see: the Orleans Dashboard's silo services (its grains, counters and the grain
/// method profiler, without the live log stream), which every silo and client of the cluster runs so that the dashboard a
/// web node serves (Web/Operations, operators only) covers the whole cluster; and, when traces are recorded
/// (<see cref="SiloTelemetry.TracingEnabled"/>), Orleans' activity propagation, which carries a trace through grain calls.
/// </summary>
public static class SiloOperations
{
    static void Dashboard(DashboardOptions options) => options.HideTrace = true;

    public static ISiloBuilder AddFlattrOperations(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddDashboard(Dashboard);
        if (SiloTelemetry.TracingEnabled(configuration))
        {
            silo.AddActivityPropagation();
        }

        return silo;
    }

    public static IClientBuilder AddFlattrOperations(this IClientBuilder client, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.AddDashboard(Dashboard);
        if (SiloTelemetry.TracingEnabled(configuration))
        {
            client.AddActivityPropagation();
        }

        return client;
    }
}
