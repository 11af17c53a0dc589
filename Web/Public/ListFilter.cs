using Flattr.Things;

namespace Flattr.Web.Public;

/// <summary>The category and language filters of a listing, and the links that change one of them.</summary>
public sealed record ListFilter(string Path, string? Category, string? Language)
{
    public static ListFilter From(string path, string? category, string? language) =>
        new(path, ThingCategories.IsKnown(category) ? category : null, language is { Length: 5 } && language[2] == '_' ? language : null);

    /// <summary>The link with one filter changed ("" clears it).</summary>
    public string With(string? category = null, string? language = null)
    {
        var c = category is null ? Category : category.Length == 0 ? null : category;
        var l = language is null ? Language : language.Length == 0 ? null : language;
        var query = QueryString.Empty;
        if (c is not null)
        {
            query = query.Add("category", c);
        }

        if (l is not null)
        {
            query = query.Add("language", l);
        }

        return Path + query;
    }
}
