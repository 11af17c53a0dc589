using Flattr.Silo.Hosting;
using Flattr.Silo.Hosting.Health;
using Orleans.Dashboard;

namespace Flattr.Web.Operations;

/// <summary>
/// What an operator sees of a web node, in two calls (WebComposition makes them): <see cref="AddFlattrOperations"/> for the
/// services (JSON log lines outside Development, metrics and traces, health checks, who counts as an operator) and
/// <see cref="UseFlattrOperations"/> for the endpoints: <c>/metrics</c> and the Orleans Dashboard at <see cref="DashboardPath"/>
/// for operators only, <c>/health/live</c> and <c>/health/ready</c> for everyone (load balancers, orchestrators).
/// </summary>
public static class OperationsComposition
{
    public const string DashboardPath = "/operator/orleans";

    public static WebApplicationBuilder AddFlattrOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.AddFlattrLogFormat(builder.Environment);
        builder.Services.AddOptions<OperatorAccessOptions>().BindConfiguration(OperatorAccessOptions.Section);
        builder.Services.AddFlattrWebTelemetry(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString(FlattrSiloHosting.ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{FlattrSiloHosting.ConnectionStringName} is not set.");
        builder.Services.AddFlattrHealthChecks(connectionString);
        return builder;
    }

    /// <summary>After routing (UseFlattrWeb calls it last): the operator check needs the endpoint the request matched.</summary>
    public static WebApplication UseFlattrOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<OperatorAccess>();
        app.MapFlattrMetrics();
        app.MapFlattrHealth();
        app.MapOrleansDashboard(DashboardPath).RequireOperator().AddEndpointFilter<DashboardInputFilter>();
        return app;
    }

    /// <summary>Serves the endpoints to operators only (<see cref="OperatorAccess"/>); others get 404.</summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(OperatorAccess.OnlyMetadata.Instance);
        return builder;
    }
}
