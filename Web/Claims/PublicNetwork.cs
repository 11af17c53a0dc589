using System.Net;

namespace Flattr.Web.Claims;

/// <summary>
/// Which addresses a claim may fetch from: public unicast only. The ranges are IANA's special-purpose registries (RFC 6890 and
/// successors) that are not globally reachable, plus 6to4 and NAT64 prefixes, which can wrap a private IPv4 address.
/// </summary>
public static class PublicNetwork
{
    static readonly IPNetwork[] s_notPublic =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32",
            "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
        }.Select(network => IPNetwork.Parse(network)),
    ];

    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var candidate = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return !s_notPublic.Any(network => network.Contains(candidate));
    }

    /// <summary>Public, or loopback when <paramref name="allowLoopback"/> (the tests' local sites).</summary>
    public static bool MayConnect(IPAddress address, bool allowLoopback) =>
        IsPublic(address) || (allowLoopback && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
}
