using System.Globalization;
using Flattr.Web.Hosting;

namespace Flattr.Web.Api.Representations;

/// <summary>
/// The two addresses of every object, as in Flattr's API: <c>resource</c> (this API) and <c>link</c> (the web page), on the
/// public base address (<c>Flattr:Web:PublicBaseUrl</c>, else the request's own).
/// </summary>
public sealed class ApiLinks(Uri baseUri)
{
    public const string ApiRoot = "rest/v2/";

    public static ApiLinks For(HttpRequest request) => new(request.BaseUri());

    public Uri BaseUri { get; } = baseUri;

    public string ThingResource(long id) => Absolute(ApiRoot + "things/" + Id(id));

    public string ThingLink(long id) => Absolute("things/" + Id(id));

    public string UserResource(string username) => Absolute(ApiRoot + "users/" + Uri.EscapeDataString(username));

    public string UserLink(string username) => Absolute("profile/" + Uri.EscapeDataString(username));

    public string Absolute(string relativePath) => new Uri(BaseUri, relativePath).ToString();

    static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
