using System.Collections.Immutable;

namespace Flattr.Things;

/// <summary>The categories of Flattr API v2 (<c>GET /categories</c>); <see cref="Rest"/> ("Other") is the default.</summary>
public static class ThingCategories
{
    public const string Text = "text";
    public const string Images = "images";
    public const string Video = "video";
    public const string Audio = "audio";
    public const string Software = "software";
    public const string People = "people";
    public const string Rest = "rest";

    public static ImmutableArray<string> All { get; } = [Text, Images, Video, Audio, Software, People, Rest];

    public static bool IsKnown(string? category) => category is not null && All.Contains(category);
}
