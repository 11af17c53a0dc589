using System.Collections.Immutable;
using Flattr.Things;
using Orleans;

namespace Flattr.Web.Button;

/// <summary>
/// The parameters of an auto-submit link or an unregistered button (<c>user_id</c>/<c>uid</c>, <c>url</c>, <c>title</c>,
/// <c>description</c>, <c>language</c>, <c>tags</c>, <c>category</c>, <c>hidden</c>), as Flattr defined them.
/// </summary>
public sealed record AutoSubmitLink(
    string Owner, string Url, string Title, string Description, string Category, string Language, ImmutableArray<string> Tags, bool Hidden)
{
    public static AutoSubmitLink? From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var owner = First(query, "user_id", "uid");
        if (string.IsNullOrWhiteSpace(owner) || !ThingUrl.TryNormalise(query["url"], out var url))
        {
            return null;
        }

        var title = First(query, "title")?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length < 5)
        {
            // Flattr required a title; a page without one is named after its address so the link still works.
            title = url.Length > 100 ? url[..100] : url;
        }

        var category = First(query, "category");
        var language = First(query, "language");
        var tags = (First(query, "tags") ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Take(20)
            .ToImmutableArray();
        var description = First(query, "description") ?? string.Empty;
        return new AutoSubmitLink(
            owner.Trim().ToLowerInvariant(),
            url,
            title.Length > 100 ? title[..100] : title,
            description.Length > 1000 ? description[..1000] : description,
            ThingCategories.IsKnown(category) ? category! : ThingCategories.Rest,
            language is { Length: 5 } && language[2] == '_' ? language : "en_GB",
            tags,
            First(query, "hidden") is "1" or "true");
    }

    /// <summary>Resolves the owner's username: null when no such user exists.</summary>
    public async Task<AutoSubmission?> ResolveAsync(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var ownerId = await grains.GetUserDirectory().FindByUsername(Owner);
        return ownerId is null
            ? null
            : new AutoSubmission(ownerId.Value, new ThingSubmission(Url, Title, Description, Category, Language, Tags, Hidden));
    }

    /// <summary>The query string that carries this link on (to the confirmation popup).</summary>
    public string ToQueryString() =>
        QueryString.Create(new KeyValuePair<string, string?>[]
        {
            new("user_id", Owner), new("url", Url), new("title", Title), new("description", Description),
            new("category", Category), new("language", Language), new("tags", string.Join(',', Tags)), new("hidden", Hidden ? "1" : "0"),
        }).ToString();

    static string? First(IQueryCollection query, params string[] names) =>
        names.Select(n => query[n].ToString()).FirstOrDefault(v => !string.IsNullOrEmpty(v));
}
