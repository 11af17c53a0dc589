using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Flattr.Web.Hosting;

/// <summary>
/// Behind a load balancer (nginx in front of the cluster) the connection comes from the proxy: the client's address and
/// scheme are taken from <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, but only when the connection comes from a
/// trusted proxy: loopback (ASP.NET Core's default) and the addresses or networks in <see cref="FlattrWebOptions.KnownProxies"/>.
/// Sign-in limits per address then count the client, not the proxy; cookies are <c>Secure</c> behind a TLS proxy.
/// </summary>
public static class ProxyForwarding
{
    public static IServiceCollection AddFlattrProxyForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var trusted = configuration.GetSection(FlattrWebOptions.Section).GetValue<string>(nameof(FlattrWebOptions.KnownProxies)) ?? string.Empty;
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // One proxy hop: nginx appends the client it saw; anything further left was written by the client.
            options.ForwardLimit = 1;
            foreach (var entry in trusted.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
                else
                {
                    options.KnownProxies.Add(IPAddress.Parse(entry));
                }
            }
        });
    }
}
