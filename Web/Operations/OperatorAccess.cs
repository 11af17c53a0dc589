using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Flattr.Web.Operations;

/// <summary>
/// Marks an endpoint (or a group) as for operators only, and refuses it to everyone else with a plain 404, the answer for a
/// page that does not exist: nothing tells an outsider that the endpoint is there. Operators are the ones
/// <see cref="OperatorAccessOptions"/> names. Runs after routing and after the forwarded headers, so behind the load
/// balancer the address tested is the client's, never the proxy's.
/// </summary>
public sealed class OperatorAccess(RequestDelegate next, IOptionsMonitor<OperatorAccessOptions> options)
{
    /// <summary>The endpoint metadata that marks an operator endpoint.</summary>
    public sealed class OnlyMetadata
    {
        public static OnlyMetadata Instance { get; } = new();

        OnlyMetadata()
        {
        }
    }

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<OnlyMetadata>() is null || IsOperator(context, options.CurrentValue))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    public static bool IsOperator(HttpContext context, OperatorAccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        if (context.Connection.RemoteIpAddress is { } remote)
        {
            var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
            if (IPAddress.IsLoopback(address) || InNetworks(address, options.Networks))
            {
                return true;
            }
        }

        return options.Token.Length > 0 && BearerMatches(context.Request.Headers.Authorization.ToString(), options.Token);
    }

    static bool InNetworks(IPAddress address, string networks)
    {
        foreach (var entry in networks.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var network = entry.Contains('/', StringComparison.Ordinal)
                ? System.Net.IPNetwork.Parse(entry)
                : new System.Net.IPNetwork(IPAddress.Parse(entry), IPAddress.Parse(entry).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    static bool BearerMatches(string authorization, string token)
    {
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Compared in constant time over hashes, so neither the token's content nor its length leaks through timing.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
