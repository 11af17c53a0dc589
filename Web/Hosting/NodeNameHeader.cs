using Flattr.Silo.Hosting;

namespace Flattr.Web.Hosting;

/// <summary>
/// Names the node that served a request in <c>X-Flattr-Node</c> when <see cref="FlattrClusterOptions.NodeName"/> is set
/// (<c>.ci/cluster</c> names its nodes node1, node2, ...): behind nginx, which node answered is otherwise invisible.
/// </summary>
public static class NodeNameHeader
{
    public const string Name = "X-Flattr-Node";

    public static IApplicationBuilder UseNodeNameHeader(this IApplicationBuilder app, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (FlattrSiloHosting.ClusterOptions(configuration).NodeName is not { Length: > 0 } node)
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            context.Response.Headers[Name] = node;
            return next(context);
        });
    }
}
