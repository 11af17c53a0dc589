using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Flattr.Things;
using Flattr.Web.Api.Requests;

namespace Flattr.Web.Claims;

/// <summary>
/// Reads a fetched page for a claimant's proof, with AngleSharp's HTML5 parser. Only the document's <c>&lt;head&gt;</c> counts:
/// a comment or post in the body that a visitor wrote cannot claim the page.
/// </summary>
public static class OwnershipProof
{
    public const string OwnerMetaName = "flattr:owner";

    public const string WellKnownPath = "/.well-known/flattr";

    /// <summary>
    /// The method proven by the page: a <c>&lt;link rel="payment"&gt;</c> to the claimant's auto-submit URL of this very thing
    /// (on our address or flattr.com), or a <c>&lt;meta name="flattr:owner"&gt;</c> naming the claimant; null when neither.
    /// </summary>
    public static ClaimMethod? InPage(FetchedPage page, string username, string thingUrl, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(request);
        using var stream = new MemoryStream(page.Body, writable: false);
        using var document = new HtmlParser().ParseDocument(stream);
        if (document.Head is not { } head)
        {
            return null;
        }

        foreach (var link in head.QuerySelectorAll<IHtmlLinkElement>("link[rel][href]"))
        {
            if (link.RelationList.Contains("payment") && Uri.TryCreate(page.Url, link.GetAttribute("href") ?? string.Empty, out var href)
                && IsAutoSubmitFor(href, username, thingUrl, request))
            {
                return ClaimMethod.PaymentLink;
            }
        }

        return head.QuerySelectorAll<IHtmlMetaElement>("meta[name][content]").Any(meta =>
            string.Equals(meta.Name?.Trim(), OwnerMetaName, StringComparison.OrdinalIgnoreCase)
            && string.Equals(meta.Content?.Trim(), username, StringComparison.OrdinalIgnoreCase))
            ? ClaimMethod.OwnerMeta
            : null;
    }

    /// <summary>The site's <c>/.well-known/flattr</c> lists the claimant: one username per line, <c>#</c> starts a comment.</summary>
    public static bool InWellKnown(FetchedPage file, string username)
    {
        ArgumentNullException.ThrowIfNull(file);
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(file.Body);
        return text.Split('\n').Select(line => line.Split('#', 2)[0].Trim())
            .Any(line => string.Equals(line, username, StringComparison.OrdinalIgnoreCase));
    }

    static bool IsAutoSubmitFor(Uri href, string username, string thingUrl, HttpRequest request)
    {
        try
        {
            return AutoSubmitUrls.TryParse(href.AbsoluteUri, request, out var link)
                && string.Equals(link.Owner, username, StringComparison.OrdinalIgnoreCase)
                && link.Url == thingUrl;
        }
        catch (FlattrException)
        {
            // An auto-submit link without a valid url or user_id proves nothing.
            return false;
        }
    }
}
