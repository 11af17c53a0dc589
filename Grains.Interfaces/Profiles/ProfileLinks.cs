using System.Diagnostics.CodeAnalysis;

namespace Flattr.Profiles;

/// <summary>A profile link: an absolute http or https URL with a host and no user information, of at most 2048 characters.</summary>
public static class ProfileLinks
{
    public static bool TryNormalise(string? link, [NotNullWhen(true)] out string? absolute)
    {
        absolute = null;
        var value = link?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > PublicProfile.MaximumLinkLength
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo)
            || uri.AbsoluteUri.Length > PublicProfile.MaximumLinkLength)
        {
            return false;
        }

        absolute = uri.AbsoluteUri;
        return true;
    }
}
