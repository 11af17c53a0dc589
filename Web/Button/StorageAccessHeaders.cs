using Microsoft.Net.Http.Headers;

namespace Flattr.Web.Button;

/// <summary>
/// Chromium's Storage Access Headers for the button frame. Once the reader let the frame on a site use Flattr's cookies
/// (the Storage Access API, after their click), Chromium marks the frame's later requests <c>Sec-Fetch-Storage-Access:
/// inactive</c>, without the cookies; answering <c>Activate-Storage-Access: retry</c> makes it send the request again with
/// them (<c>active</c>), so a reload renders the reader's flattred state at once. <c>load</c> on that answer gives the page
/// the same access, without a script asking again. Browsers without these headers never send them: the frame's script asks.
/// </summary>
public static class StorageAccessHeaders
{
    public const string RequestHeader = "Sec-Fetch-Storage-Access";
    public const string ResponseHeader = "Activate-Storage-Access";

    public static void Answer(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var headers = http.Response.Headers;
        headers.Append(HeaderNames.Vary, RequestHeader);
        switch (http.Request.Headers[RequestHeader].ToString())
        {
            case "inactive" when EmbeddingOrigin(http.Request) is { } origin:
                headers[ResponseHeader] = "retry; allowed-origin=\"" + origin + "\"";
                break;
            case "active":
                headers[ResponseHeader] = "load";
                break;
        }
    }

    /// <summary>The Origin the browser sent, if it is a plain ASCII http(s) origin (it is quoted into the answer).</summary>
    static string? EmbeddingOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return System.Text.Ascii.IsValid(origin)
            && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https"
            && string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase)
                ? uri.GetLeftPart(UriPartial.Authority)
                : null;
    }
}
