using System.Diagnostics.CodeAnalysis;
using Flattr.Web.Api.Representations;
using Flattr.Web.Button;
using Microsoft.AspNetCore.WebUtilities;

namespace Flattr.Web.Api.Requests;

/// <summary>
/// Recognises an auto-submit URL passed to <c>/things/lookup</c> or <c>/flattr</c> (Flattr took them there since 2012): the
/// path <c>/submit/auto</c> on our own address or on flattr.com, so that links written for Flattr keep working.
/// </summary>
public static class AutoSubmitUrls
{
    static readonly string[] FlattrHosts = ["flattr.com", "www.flattr.com", "api.flattr.com"];

    public static bool TryParse(string url, HttpRequest request, [NotNullWhen(true)] out AutoSubmitLink? link)
    {
        ArgumentNullException.ThrowIfNull(request);
        link = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !string.Equals(uri.AbsolutePath.TrimEnd('/'), "/submit/auto", StringComparison.OrdinalIgnoreCase)
            || !IsOurs(uri, request))
        {
            return false;
        }

        link = AutoSubmitLink.From(new QueryCollection(QueryHelpers.ParseQuery(uri.Query)))
            ?? throw new FlattrException(FlattrErrors.Validation, "The auto-submit URL needs user_id and a valid url.");
        return true;
    }

    static bool IsOurs(Uri uri, HttpRequest request)
    {
        var ours = ApiLinks.For(request).BaseUri;
        return string.Equals(uri.Host, ours.Host, StringComparison.OrdinalIgnoreCase)
            || string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            || FlattrHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);
    }
}
