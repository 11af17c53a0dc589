using Flattr.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace Flattr.Silo.Hosting;

/// <summary>
/// What every Flattr process measures and traces through OpenTelemetry, the headless silo and the web alike (the web adds
/// ASP.NET Core's instruments and its Prometheus endpoint, Web/Operations/WebTelemetry.cs). Metrics: Flattr's own meter
/// (<see cref="FlattrInstruments"/>), Orleans' ("Microsoft.Orleans": messages, activations, grain calls), Npgsql's (commands,
/// connections) and the .NET runtime's (GC, thread pool, CPU). Traces, when <see cref="TracingEnabled"/>: Flattr's click
/// batches, Orleans' grain calls (its activity propagation carries the trace across silos) and Npgsql's SQL statements.
/// Both go out by OTLP when an endpoint is configured: the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with the other
/// <c>OTEL_*</c> settings) or <c>Flattr:Operations:OtlpEndpoint</c> (gRPC).
/// </summary>
public static class SiloTelemetry
{
    public const string Section = "Flattr:Operations";

    /// <summary>The meter Orleans creates its instruments on (Orleans.Runtime's OrleansInstruments).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>The service name the exported telemetry carries.</summary>
    public const string ServiceName = "flattr";

    /// <summary>
    /// Traces are recorded when something takes them: an OTLP endpoint is configured, or <c>Flattr:Operations:Tracing</c> is
    /// true (an exporter a host adds itself, as the tests' in-memory one). Otherwise no span is made at all.
    /// </summary>
    public static bool TracingEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(Section).GetValue<bool?>("Tracing") ?? OtlpEndpoint(configuration) is not null;
    }

    public static OpenTelemetryBuilder AddFlattrTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(FlattrInstruments.MeterName, OrleansMeter)
                .AddNpgsqlInstrumentation()
                .AddRuntimeInstrumentation());
        if (TracingEnabled(configuration))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(FlattrInstruments.ActivitySourceName)
                .AddSource(ActivitySources.RuntimeActivitySourceName, ActivitySources.ApplicationGrainActivitySourceName)
                .AddNpgsql());
        }

        switch (OtlpEndpoint(configuration))
        {
            case { IsStandard: true }:
                telemetry.UseOtlpExporter();
                break;
            case { Endpoint: { } endpoint }:
                telemetry.UseOtlpExporter(OtlpExportProtocol.Grpc, endpoint);
                break;
        }

        return telemetry;
    }

    static (bool IsStandard, Uri? Endpoint)? OtlpEndpoint(IConfiguration configuration) =>
        configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 }
            ? (true, null)
            : configuration.GetSection(Section)["OtlpEndpoint"] is { Length: > 0 } flattr
                ? (false, new Uri(flattr, UriKind.Absolute))
                : null;
}
