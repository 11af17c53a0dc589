using System.Globalization;

namespace Flattr.Benchmarks.Loads;

/// <summary>
/// Orleans' message counters of one node, read from its Prometheus endpoint (/metrics, Web/Operations/WebTelemetry.cs): messages
/// sent to another silo over the network (the count of the orleans-messaging-sent-messages-size histogram), messages sent to
/// a grain in the same silo (orleans-messaging-sent-local) and pings sent (orleans-messaging-pings-sent: each is a network
/// message and its answer another one). All are cumulative since the node started; a load's figures are differences.
/// </summary>
public sealed record OrleansMessages(double Network, double Local, double Pings)
{
    public static readonly OrleansMessages None = new(0, 0, 0);

    /// <summary>Network messages that are not pings or ping answers.</summary>
    public double NetworkWithoutPings => Math.Max(0, Network - 2 * Pings);

    /// <summary>The share of grain messages that crossed silos (pings excluded), or null when no message was sent.</summary>
    public double? CrossedShare => NetworkWithoutPings + Local is > 0 and var all ? NetworkWithoutPings / all : null;

    public static OrleansMessages operator +(OrleansMessages a, OrleansMessages b) =>
        new(a.Network + b.Network, a.Local + b.Local, a.Pings + b.Pings);

    public static OrleansMessages operator -(OrleansMessages a, OrleansMessages b) =>
        new(a.Network - b.Network, a.Local - b.Local, a.Pings - b.Pings);

    public static async Task<OrleansMessages> ScrapeAsync(HttpClient client, Uri node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var text = await client.GetStringAsync(new Uri(node, "metrics"), cancellationToken);
        return Parse(text);
    }

    /// <summary>Sums every series of the three metrics in a Prometheus text exposition (their names carry the unit and _total suffixes the exporter adds).</summary>
    public static OrleansMessages Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        double network = 0, local = 0, pings = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var nameEnd = line.IndexOfAny(['{', ' ']);
            var valueStart = line.LastIndexOf('}') is >= 0 and var brace ? brace + 1 : nameEnd;
            if (nameEnd <= 0)
            {
                continue;
            }

            var name = line[..nameEnd];
            var rest = line[valueStart..].Trim().Split(' ')[0];
            if (!double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            if (name.StartsWith("orleans_messaging_sent_messages_size", StringComparison.Ordinal) && name.EndsWith("_count", StringComparison.Ordinal))
            {
                network += value;
            }
            else if (name.StartsWith("orleans_messaging_sent_local", StringComparison.Ordinal))
            {
                local += value;
            }
            else if (name.StartsWith("orleans_messaging_pings_sent", StringComparison.Ordinal))
            {
                pings += value;
            }
        }

        return new OrleansMessages(network, local, pings);
    }
}
