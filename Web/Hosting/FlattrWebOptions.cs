namespace Flattr.Web.Hosting;

/// <summary>Web settings, bound from the configuration section <c>Flattr:Web</c>.</summary>
public sealed class FlattrWebOptions
{
    public const string Section = "Flattr:Web";

    /// <summary>
    /// The public base address of every absolute URL Flattr hands out (links, embed snippets, QR codes, e-mails). Required in
    /// Production; elsewhere empty means the address the server listens on. See <see cref="PublicAddress"/>.
    /// </summary>
    public string PublicBaseUrl { get; set; } = string.Empty;

    /// <summary>
    /// Proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> are believed, besides loopback: IP addresses or CIDR networks,
    /// separated by commas (e.g. the load balancer's network in a container deployment). See <see cref="ProxyForwarding"/>.
    /// </summary>
    public string KnownProxies { get; set; } = string.Empty;

    /// <summary>Shows the development mail outbox at <c>/dev/outbox</c> (always on in Development and in demo mode).</summary>
    public bool ShowOutbox { get; set; }

    /// <summary>Sign-in attempts allowed per client address per minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Sign-in attempts allowed per account per minute, from all addresses together.</summary>
    public int SignInAttemptsPerAccountPerMinute { get; set; } = 5;

    /// <summary>Flattrs a signed-in giver may make per clock minute, counted for the whole cluster (see <c>RateLimits</c>).</summary>
    public int FlattrsPerMinute { get; set; } = 60;

    /// <summary>Password hashes computed at once: each costs about a third of a CPU-second, so sign-in floods must queue.</summary>
    public int ConcurrentPasswordChecks { get; set; } = 2;

    /// <summary>Live updates per connection and thing (or per creator ticker) per second at most; bursts are coalesced.</summary>
    public int LiveUpdatesPerSecond { get; set; } = 10;
}
