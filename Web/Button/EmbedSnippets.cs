using System.Text.Encodings.Web;
using System.Text.Unicode;
using Flattr.Things;

namespace Flattr.Web.Button;

/// <summary>
/// The code a creator copies from their thing's page onto their own site. Every value from the thing (its title, its
/// address, its owner) is encoded for the place it lands in: an HTML attribute, a URL's query, Markdown. The title is
/// chosen by whoever first flattred an auto-submit link, so it is hostile until proven otherwise.
/// </summary>
public sealed record EmbedSnippets(string Button, string Badge, string Markdown, string RelPayment, string AutoSubmitUrl)
{
    /// <summary>Escapes &lt;, &gt;, &amp;, quotes and apostrophes; leaves letters of every script readable.</summary>
    static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static EmbedSnippets For(ThingInfo info, Uri publicBase)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(publicBase);
        var id = info.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var script = new Uri(publicBase, "/button.js").AbsoluteUri;
        var page = new Uri(publicBase, "/things/" + id).AbsoluteUri;
        var badge = new Uri(publicBase, "/things/" + id + "/button.svg").AbsoluteUri;
        var autoSubmit = new Uri(publicBase, "/submit/auto" + QueryString.Create(new KeyValuePair<string, string?>[]
        {
            new("user_id", info.OwnerUsername), new("url", info.Url), new("title", info.Title),
            new("category", info.Category), new("language", info.Language), new("tags", string.Join(',', info.Tags)),
        })).AbsoluteUri;

        var button = $"""
            <script async src="{Html.Encode(script)}"></script>
            <a class="FlattrButton" href="{Html.Encode(info.Url)}" data-flattr-uid="{Html.Encode(info.OwnerUsername)}" data-flattr-button="compact" title="{Html.Encode(info.Title)}"></a>
            """;
        return new EmbedSnippets(
            button,
            $"""<a href="{Html.Encode(page)}"><img src="{Html.Encode(badge)}" alt="Flattr this"></a>""",
            // Markdown: our own addresses only (percent-encoded, no parentheses or brackets), a constant alt text.
            $"[![Flattr this]({badge})]({page})",
            $"""<link rel="payment" href="{Html.Encode(autoSubmit)}" type="text/html">""",
            autoSubmit);
    }
}
