using System.Collections.Immutable;
using Flattr.Things;

namespace Flattr.Web.Things;

/// <summary>The fields of the register and edit forms.</summary>
public sealed class ThingForm
{
    public string Url { get; set => field = value ?? string.Empty; } = string.Empty;

    public string Title { get; set => field = value ?? string.Empty; } = string.Empty;

    public string Description { get; set => field = value ?? string.Empty; } = string.Empty;

    public string Category { get; set => field = value ?? string.Empty; } = ThingCategories.Text;

    public string Language { get; set => field = value ?? string.Empty; } = "en_GB";

    public string Tags { get; set => field = value ?? string.Empty; } = string.Empty;

    public bool Hidden { get; set; }

    public ImmutableArray<string> TagList() =>
        [.. Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];

    public static ThingForm From(ThingInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new()
        {
            Url = info.Url,
            Title = info.Title,
            Description = info.Description,
            Category = info.Category,
            Language = info.Language,
            Tags = string.Join(", ", info.Tags),
            Hidden = info.Hidden,
        };
    }

    /// <summary>The thing languages offered in forms and filters (Flattr accepted any locale id; these are the common ones).</summary>
    public static ImmutableArray<string> Languages { get; } = ["en_GB", "fr_FR", "de_DE", "es_ES", "it_IT", "nl_NL", "sv_SE", "pt_PT", "pl_PL"];
}
