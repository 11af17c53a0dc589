using System.Net;

namespace Flattr.Silo.Hosting;

/// <summary>
/// Which Orleans cluster a Flattr process belongs to and how it takes part (configuration section <c>Flattr:Cluster</c>).
/// Every process of one deployment names the same <see cref="ClusterId"/> and <see cref="ServiceId"/> and the same
/// PostgreSQL database, whose membership table is how silos and clients find each other.
/// </summary>
public sealed class FlattrClusterOptions
{
    public const string Section = "Flattr:Cluster";

    /// <summary>The cluster's name: silos and clients with the same id on the same database form one cluster.</summary>
    public string ClusterId { get; set; } = "flattr";

    /// <summary>The service's durable name: grain state and reminders are kept under it across deployments.</summary>
    public string ServiceId { get; set; } = "flattr";

    /// <summary>
    /// How the web takes part: <see cref="FlattrClusterRole.Silo"/> (the default: it co-hosts a silo) or
    /// <see cref="FlattrClusterRole.Client"/> (a cluster client of separate silo processes). The headless silo ignores it.
    /// </summary>
    public FlattrClusterRole WebRole { get; set; } = FlattrClusterRole.Silo;

    /// <summary>
    /// The address other silos and clients reach this silo at (written to the membership table): an IP address, or a host
    /// name resolved at start (e.g. a container's service name). A loopback address listens on loopback only; any other
    /// address listens on every interface.
    /// </summary>
    public string AdvertisedAddress { get; set; } = IPAddress.Loopback.ToString();

    /// <summary>The port for silo-to-silo traffic; 0 takes a free port at start.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port cluster clients connect to; 0 takes a free port at start.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// This node's name for operators behind a load balancer: the web answers every request with it in <c>X-Flattr-Node</c>,
    /// so one can tell which node served what. Unset (the default): no such header.
    /// </summary>
    public string? NodeName { get; set; }
}

/// <summary>How a web process takes part in the cluster.</summary>
public enum FlattrClusterRole
{
    /// <summary>The process hosts a silo beside the web server (one process is a whole Flattr).</summary>
    Silo,

    /// <summary>The process is a cluster client: grains run in separate silo processes.</summary>
    Client,
}
