using System.Collections.Immutable;
using Flattr.Things;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Public;

/// <summary>Browse, tag pages and search: one listing over the thing registry's search (hidden things never appear).</summary>
public sealed class BrowseModel(IGrainFactory grains) : PageModel
{
    const int PageSize = 30;

    public ListFilter Filter { get; private set; } = ListFilter.From("/browse", null, null);

    public ThingPage Results { get; private set; } = new([], 0, 1, PageSize);

    public string? Tag { get; private set; }

    public string? Text { get; private set; }

    public string Heading { get; private set; } = string.Empty;

    /// <summary>A search (the search box's /search, or a <c>q</c>), with or without text: an empty one says how to search.</summary>
    public bool Searching { get; private set; }

    public async Task OnGetAsync(string? category, string? language, string? tag, string? q, int page = 1)
    {
        Tag = string.IsNullOrWhiteSpace(tag) ? null : tag.Trim().ToLowerInvariant();
        Text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        Searching = Tag is null && (Text is not null || Request.Query.ContainsKey("q")
            || Request.Path.StartsWithSegments("/search", StringComparison.OrdinalIgnoreCase));
        var path = Tag is not null ? "/tags/" + Uri.EscapeDataString(Tag) : Text is not null ? "/search" : "/browse";
        Filter = ListFilter.From(path, category, language);
        var texts = Localization.Texts.Current;
        Heading = Tag is not null ? string.Format(System.Globalization.CultureInfo.CurrentCulture, texts.TagTitle, Tag)
            : Text is not null ? string.Format(System.Globalization.CultureInfo.CurrentCulture, texts.SearchTitle, Text)
            : texts.BrowseTitle;
        if (Searching && Text is null)
        {
            // Nothing typed: the page says how to search instead of listing everything.
            return;
        }

        Results = await grains.GetThingRegistry().Search(new ThingQuery(
            Text,
            Filter.Category is null ? default : [Filter.Category],
            Filter.Language is null ? default : [Filter.Language],
            Tag is null ? default : ImmutableArray.Create(Tag),
            Sort: Text is null ? ThingSort.FlattrsMonth : ThingSort.Relevance,
            Page: Math.Max(1, page),
            Count: PageSize));
    }

    /// <summary>How many things match: the exact number, or "more than" the bound the search stopped counting at.</summary>
    public string ResultsCount
    {
        get
        {
            var texts = Localization.Texts.Current;
            return string.Format(System.Globalization.CultureInfo.CurrentCulture,
                Results.MoreThanTotal ? texts.ResultsMoreThan : texts.ResultsCount, Results.TotalItems);
        }
    }

    public string PageLink(int page)
    {
        var link = Filter.With();
        var separator = link.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var text = Text is null ? string.Empty : "q=" + Uri.EscapeDataString(Text) + "&";
        return link + separator + text + "page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
