using OpenTelemetry.Metrics;

namespace Flattr.Web.Hosting;

/// <summary>
/// Each node's metrics through OpenTelemetry, in Prometheus text at <see cref="MetricsPath"/>: Orleans' own instruments (meter
/// "Microsoft.Orleans": messages sent over the network and locally, pings, activations, grain calls...), ASP.NET Core's
/// (requests, their durations, Kestrel's connections) and the .NET runtime's (GC, thread pool, CPU). Operators scrape every node
/// directly: the load balancer answers 404 for this path (docker/nginx/flattr.conf.template), since through it a scrape would
/// reach a different node each time. OpenTelemetry listens to meters by name, process-wide: with one silo per process (every
/// deployment shape) the Orleans figures are that silo's; a process hosting several silos (some tests) reports one of them.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    /// <summary>The meter Orleans creates its instruments on (Orleans.Runtime's OrleansInstruments).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    public static IServiceCollection AddFlattrTelemetry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(OrleansMeter)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            // Each scrape reads the instruments afresh (the exporter's default keeps an answer for 300 ms): a scrape right after
            // some work shows it, which the benchmark's before/after readings rely on. Scrapers come every few seconds anyway.
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static IEndpointRouteBuilder MapFlattrMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        return endpoints;
    }
}
