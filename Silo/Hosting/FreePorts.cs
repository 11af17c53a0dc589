using System.Net;
using System.Net.Sockets;

namespace Flattr.Silo.Hosting;

/// <summary>
/// TCP ports on 127.0.0.1 that nothing listens on right now: for a silo configured with port 0, and for whatever starts
/// several processes or apps on one machine (tests, benchmarks), so that none meets another's port.
/// </summary>
public static class FreePorts
{
    /// <summary><paramref name="count"/> different free ports: each is held until all are found, so none comes back twice.</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Dispose());
        }
    }

    /// <summary>One free port.</summary>
    public static int Take() => Take(1)[0];
}
