namespace Flattr.Web.Operations;

/// <summary>
/// Who may read the operator endpoints (metrics, the Orleans Dashboard): section <c>Flattr:Operations</c>. Loopback always;
/// besides, clients in <see cref="Networks"/> (the client as the trusted proxy reports it, after forwarded headers) and
/// requests carrying <c>Authorization: Bearer</c> <see cref="Token"/>.
/// </summary>
public sealed class OperatorAccessOptions
{
    public const string Section = "Flattr:Operations";

    /// <summary>Addresses or CIDR networks, comma- or space-separated (e.g. a Prometheus server's network: "10.20.0.0/16").</summary>
    public string Networks { get; set; } = string.Empty;

    /// <summary>A bearer token that opens the operator endpoints from anywhere; none when empty. Use a long random one.</summary>
    public string Token { get; set; } = string.Empty;
}
