namespace Flattr.Faults.Tests.Support;

/// <summary>
/// The failure-detection settings for a cluster on one machine, read from <c>.ci/cluster.env</c>: the file <c>.ci/cluster</c>
/// uses, so the tests run the cluster an operator starts. Keys are environment names (<c>Flattr__Silo__…</c>).
/// </summary>
public static class ClusterSettings
{
    public static IReadOnlyDictionary<string, string> Loopback { get; } = Read(Path.Combine(Repository.Root, ".ci", "cluster.env"));

    /// <summary>Orleans' probe period on loopback (<c>ProbeTimeout</c>).</summary>
    public static TimeSpan ProbeTimeout => TimeSpan.Parse(Loopback["Flattr__Silo__Membership__ProbeTimeout"], System.Globalization.CultureInfo.InvariantCulture);

    static Dictionary<string, string> Read(string path)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var equals = text.IndexOf('=', StringComparison.Ordinal);
            settings[text[..equals]] = text[(equals + 1)..];
        }

        return settings;
    }
}
