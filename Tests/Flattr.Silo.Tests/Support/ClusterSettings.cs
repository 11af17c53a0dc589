using System.Globalization;

namespace Flattr.Silo.Tests.Support;

/// <summary>One cluster of test processes: its database, ids and the settings each member is started with.</summary>
public sealed class ClusterSettings(string connectionString, string label)
{
    public const string WebhookSecret = "silo-tests-sandbox-secret";

    public string ConnectionString { get; } = connectionString;

    public string ClusterId { get; } = $"{label}-{Guid.NewGuid().ToString("N")[..8]}";

    public string ServiceId { get; } = "silo-tests";

    /// <summary>
    /// What every member reads (as configuration keys): the database, the cluster, the sandbox payment secret, no month-end
    /// reminder at start; a silo member also its two ports. Beyond that, <paramref name="extra"/>.
    /// </summary>
    public Dictionary<string, string> For(int? siloPort = null, int? gatewayPort = null, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:Flattr"] = ConnectionString,
            ["Flattr:Cluster:ClusterId"] = ClusterId,
            ["Flattr:Cluster:ServiceId"] = ServiceId,
            ["Flattr:Payments:Sandbox:WebhookSecret"] = WebhookSecret,
            ["Flattr:Settlement:StartMonthEndReminder"] = "false",
        };
        if (siloPort is { } silo)
        {
            settings["Flattr:Cluster:SiloPort"] = silo.ToString(CultureInfo.InvariantCulture);
        }

        if (gatewayPort is { } gateway)
        {
            settings["Flattr:Cluster:GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}
