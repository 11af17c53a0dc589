using System.Net;
using System.Net.Sockets;

namespace Flattr.Silo.Tests.Support;

public static class FreePort
{
    /// <summary><paramref name="count"/> different TCP ports on 127.0.0.1 that nothing listens on right now.</summary>
    public static int[] Next(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Dispose());
        }
    }
}
