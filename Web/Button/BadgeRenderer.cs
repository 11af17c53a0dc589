using System.Globalization;
using System.Security;

namespace Flattr.Web.Button;

/// <summary>The static badge for places without scripts (READMEs, feeds): "flattr | 123" as a small SVG.</summary>
public sealed class BadgeRenderer
{
    // A badge depends on its count alone and most counts are small: those are drawn once. (A race only draws one twice.)
    const int CachedCounts = 4096;
    readonly string?[] _drawn = new string?[CachedCounts];

    public string Render(long count) => count is >= 0 and < CachedCounts ? _drawn[count] ??= Draw(count) : Draw(count);

    static string Draw(long count)
    {
        var label = "flattr";
        var value = count.ToString("N0", CultureInfo.InvariantCulture);
        // Verdana-ish 11px: about 7 px per character is close enough for a badge.
        var labelWidth = 10 + (label.Length * 7);
        var valueWidth = 12 + (value.Length * 7);
        var width = labelWidth + valueWidth;
        var text = SecurityElement.Escape(value);
        return string.Create(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label="flattr: {text}">
            <title>flattr: {text}</title>
            <clipPath id="r"><rect width="{width}" height="20" rx="3"/></clipPath>
            <g clip-path="url(#r)"><rect width="{labelWidth}" height="20" fill="#3a7518"/><rect x="{labelWidth}" width="{valueWidth}" height="20" fill="#3f4a38"/></g>
            <g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">
            <text x="{labelWidth / 2}" y="14" font-weight="bold">{label}</text><text x="{labelWidth + (valueWidth / 2)}" y="14">{text}</text></g>
            </svg>
            """);
    }
}
