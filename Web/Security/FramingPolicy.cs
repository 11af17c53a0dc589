namespace Flattr.Web.Security;

/// <summary>
/// Endpoint metadata: this endpoint may be framed by any site (the embeddable button frame).
/// Every endpoint without it is served with <c>frame-ancestors 'none'</c>.
/// </summary>
public sealed class AllowFramingByAnySiteAttribute : Attribute;

public static class FramingEndpointExtensions
{
    public static TBuilder AllowFramingByAnySite<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(new AllowFramingByAnySiteAttribute());
}
