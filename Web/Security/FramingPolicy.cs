namespace Flattr.Web.Security;

/// <summary>
/// Endpoint metadata: this endpoint may be framed by any site (the embeddable button frame).
/// Every endpoint without it is served with <c>frame-ancestors 'none'</c>.
/// </summary>
public sealed class AllowFramingByAnySiteAttribute : Attribute;

/// <summary>
/// Endpoint metadata: browsers on other sites may send state-changing requests here (server-to-server webhooks).
/// Every other non-safe request carrying <c>Sec-Fetch-Site: cross-site</c> is refused.
/// </summary>
public sealed class AllowCrossSiteRequestsAttribute : Attribute;

public static class FramingEndpointExtensions
{
    public static TBuilder AllowFramingByAnySite<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(new AllowFramingByAnySiteAttribute());

    public static TBuilder AllowCrossSiteRequests<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(new AllowCrossSiteRequestsAttribute());
}
