using System.Net;
using System.Net.Sockets;

namespace Flattr.Benchmarks.Hosting;

/// <summary>
/// Free loopback ports for what the run starts: the web's HTTP port and the Orleans silo and gateway ports of every process
/// that hosts a silo (the app, the memory and grain-call children), so that none of them meets Orleans' defaults
/// (11111, 30000) held by another process on the machine.
/// </summary>
public static class FreePorts
{
    /// <summary>Distinct free ports: every listener stays open until all are taken, so no port comes back twice.</summary>
    public static IReadOnlyList<int> Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
