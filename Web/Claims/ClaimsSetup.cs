using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Flattr.Web.Claims;

/// <summary>
/// The claim services and the HTTP client that fetches claimed pages: no automatic redirects (<see cref="PageFetcher"/>
/// follows them itself), no cookies, and a connect callback that resolves the host and connects only to an address that
/// <see cref="PublicNetwork.MayConnect"/> allows. Checking at connect time, on the address actually connected to, is what
/// defeats DNS rebinding (a name that resolved to a public address when checked and to a private one when connected) and
/// redirects to private addresses, which never reach a connection.
/// </summary>
public static class ClaimsSetup
{
    public const string HttpClientName = "flattr-claims";

    public static IServiceCollection AddFlattrClaims(this IServiceCollection services)
    {
        services.AddOptions<ClaimOptions>().BindConfiguration(ClaimOptions.Section);
        services.AddSingleton<PageFetcher>();
        services.AddSingleton<ClaimVerifier>();
        services.AddSingleton<ClaimMails>();
        services.AddHttpClient(HttpClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("FlattrOwnershipCheck/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(services => Handler(services.GetRequiredService<IOptions<ClaimOptions>>().Value));
        return services;
    }

    static SocketsHttpHandler Handler(ClaimOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = options.Timeout,
        MaxResponseHeadersLength = 64,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, options.AllowLoopback, cancellationToken),
    };

    static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowLoopback, CancellationToken cancellationToken)
    {
        // An IPv6 literal may come bracketed, as written in the URL.
        var host = endPoint.Host.TrimStart('[').TrimEnd(']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(address => PublicNetwork.MayConnect(address, allowLoopback)).ToArray();
        if (allowed.Length == 0)
        {
            throw new NonPublicAddressException($"{endPoint.Host} has no public address.");
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
