using Flattr.Silo.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Flattr.Web.Operations;

/// <summary>
/// The web node's metrics and traces: everything every Flattr process records (<see cref="SiloTelemetry"/>: Flattr's meter,
/// Orleans', Npgsql's, the runtime's; traces of grain calls and SQL) plus ASP.NET Core's (requests, their durations,
/// Kestrel's connections; a span per request), and the metrics in Prometheus text at <see cref="MetricsPath"/> for operators
/// only (<see cref="OperatorAccess"/>). Operators scrape every node directly: the load balancer answers 404 for this path
/// (docker/nginx/flattr.conf.template), since through it a scrape would reach a different node each time. OpenTelemetry
/// listens to meters by name, process-wide: with one silo per process (every deployment shape) the Orleans figures are that
/// silo's; a process hosting several silos (some tests) reports one of them.
/// </summary>
public static class WebTelemetry
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddFlattrWebTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var telemetry = services.AddFlattrTelemetry(configuration)
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                // Each scrape reads the instruments afresh (the exporter's default keeps an answer for 300 ms): a scrape right
                // after some work shows it, which the benchmark's before/after readings rely on. Scrapers come every few seconds.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        if (SiloTelemetry.TracingEnabled(configuration))
        {
            // The scrapes and probes themselves are not worth a trace each.
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = http =>
                !http.Request.Path.StartsWithSegments(MetricsPath, StringComparison.Ordinal)
                && !http.Request.Path.StartsWithSegments(HealthEndpoints.Path, StringComparison.Ordinal)));
        }

        return services;
    }

    public static IEndpointRouteBuilder MapFlattrMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath).RequireOperator();
        return endpoints;
    }
}
