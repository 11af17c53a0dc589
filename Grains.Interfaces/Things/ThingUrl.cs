using System.Diagnostics.CodeAnalysis;

namespace Flattr.Things;

/// <summary>
/// The one canonical form of a thing's URL, so that one page has one thing: http(s) only, scheme and host lower-case,
/// default port and fragment dropped, an empty path becomes "/". Path and query are kept as written (they may be case-sensitive).
/// </summary>
public static class ThingUrl
{
    public const int MaximumLength = 2048;

    public static bool TryNormalise(string? url, [NotNullWhen(true)] out string? normalised)
    {
        normalised = null;
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaximumLength
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var builder = new UriBuilder(uri) { Fragment = string.Empty };
        if (uri.IsDefaultPort)
        {
            builder.Port = -1;
        }

        var text = builder.Uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Fragment, UriFormat.UriEscaped);
        if (text.Length > MaximumLength)
        {
            return false;
        }

        normalised = text;
        return true;
    }

    public static string Normalise(string url) =>
        TryNormalise(url, out var normalised)
            ? normalised
            : throw new FlattrException(FlattrErrors.InvalidParameters, $"'{url}' is not a valid http(s) URL.");
}
