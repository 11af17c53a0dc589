using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Flattr.Silo.Hosting.Health;

namespace Flattr.Web.Operations;

/// <summary>
/// The probes, as ASP.NET Core health checks with a JSON body: <c>/health/live</c> answers 200 while the process serves
/// requests (no check: a restart cures nothing a live process lacks); <c>/health/ready</c> runs the checks tagged ready
/// (<see cref="FlattrHealthChecks"/>: database, migrations, cluster) and answers 200 when all pass, 503 otherwise, so a load
/// balancer sends no traffic to a node that cannot serve it. The body names each check's status, time and description; a
/// check that failed with an exception shows the exception's type only (its message may name hosts and users).
/// <c>/health</c> ("ok", used by scripts) stays as it was.
/// </summary>
public static class HealthEndpoints
{
    public const string Path = "/health";

    public static IEndpointRouteBuilder MapFlattrHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks(Path + "/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks(Path + "/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(FlattrHealthChecks.ReadyTag),
            ResponseWriter = WriteAsync,
        });
        return endpoints;
    }

    static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new HealthBody(
            report.Status.ToString(),
            report.TotalDuration.TotalMilliseconds,
            report.Entries.ToDictionary(e => e.Key, e => new HealthCheckBody(
                e.Value.Status.ToString(),
                e.Value.Exception is null ? e.Value.Description : null,
                e.Value.Exception?.GetType().Name,
                e.Value.Duration.TotalMilliseconds), StringComparer.Ordinal));
        return JsonSerializer.SerializeAsync(context.Response.Body, body, OperationsJsonContext.Default.HealthBody, context.RequestAborted);
    }
}

public sealed record HealthBody(string Status, double DurationMs, IReadOnlyDictionary<string, HealthCheckBody> Checks);

public sealed record HealthCheckBody(string Status, string? Description, string? Error, double DurationMs);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthBody))]
internal sealed partial class OperationsJsonContext : JsonSerializerContext;
