using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace Flattr.Web.Hosting;

/// <summary>
/// Where Flattr is reachable from the outside, for every absolute URL it hands out (links, embed snippets, QR codes, e-mails,
/// the API's links): <see cref="FlattrWebOptions.PublicBaseUrl"/>, never a request's <c>Host</c> header (a sign-up under
/// <c>Host: evil.example</c> must not mail the real owner a link to evil.example). It is required in Production; elsewhere
/// (Development, tests) an unset one means the address the server listens on. Requests must name an allowed host (ASP.NET
/// Core's host filtering): the public base URL's, loopback names (health probes, local runs), and the hosts listed in
/// <c>AllowedHosts</c> (semicolon-separated).
/// </summary>
public static class PublicAddress
{
    const string Setting = FlattrWebOptions.Section + ":" + nameof(FlattrWebOptions.PublicBaseUrl);
    static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static Uri BaseUri(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var services = request.HttpContext.RequestServices;
        return Parse(services.GetRequiredService<IOptions<FlattrWebOptions>>().Value.PublicBaseUrl)
            ?? Listening(services.GetRequiredService<IServer>());
    }

    public static string Absolute(this HttpRequest request, string path) => new Uri(request.BaseUri(), path).ToString();

    /// <summary>Why this configuration cannot start the web (a missing or malformed public base URL), or null.</summary>
    public static string? ConfigurationProblem(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration[Setting];
        if (string.IsNullOrEmpty(configured))
        {
            return environment.IsProduction()
                ? $"{Setting} (environment variable Flattr__Web__PublicBaseUrl) is required in Production: the absolute address " +
                  "Flattr is reached at, e.g. https://flattr.example. Links, snippets and e-mails are built from it, never from a request's Host header."
                : null;
        }

        return Parse(configured) is null
            ? $"{Setting} must be an absolute http or https address such as https://flattr.example, not '{configured}'."
            : null;
    }

    /// <summary>Host filtering: only the public base URL's host, loopback names and the configured <c>AllowedHosts</c> are answered.</summary>
    public static IServiceCollection AddFlattrHostFiltering(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var hosts = new List<string>(LoopbackHosts);
        if (Parse(configuration[Setting]) is { } publicBase)
        {
            hosts.Add(publicBase.HostNameType == UriHostNameType.IPv6 ? "[" + publicBase.IdnHost.Trim('[', ']') + "]" : publicBase.IdnHost);
        }

        hosts.AddRange((configuration["AllowedHosts"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return services.Configure<HostFilteringOptions>(options => options.AllowedHosts = [.. hosts.Distinct(StringComparer.OrdinalIgnoreCase)]);
    }

    static Uri? Parse(string? configured) =>
        !string.IsNullOrEmpty(configured) && Uri.TryCreate(configured, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;

    /// <summary>The first address the server listens on, a wildcard host named localhost (Development and tests only).</summary>
    static Uri Listening(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http", StringComparison.Ordinal));
        if (address is null)
        {
            return new Uri("http://localhost/");
        }

        address = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return new Uri(address.TrimEnd('/') + "/");
    }
}
