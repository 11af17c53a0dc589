using Microsoft.Extensions.Options;

namespace Flattr.Web.Hosting;

/// <summary>Where Flattr is reachable from the outside: the configured public address, else the request's own.</summary>
public static class PublicAddress
{
    public static Uri BaseUri(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var configured = request.HttpContext.RequestServices.GetRequiredService<IOptions<FlattrWebOptions>>().Value.PublicBaseUrl;
        return !string.IsNullOrEmpty(configured) && Uri.TryCreate(configured, UriKind.Absolute, out var uri)
            ? uri
            : new Uri($"{request.Scheme}://{request.Host}/");
    }

    public static string Absolute(this HttpRequest request, string path) => new Uri(request.BaseUri(), path).ToString();
}
