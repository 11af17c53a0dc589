using System.Collections.Immutable;
using Flattr.Trending;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Flattr.Web.Public;

/// <summary>Trending things (decaying heat, <see cref="TrendingHeat"/>), filtered by category and language, reordering live.</summary>
public sealed class TrendingModel(TrendingReader trending) : PageModel
{
    public const int Length = 20;

    public ListFilter Filter { get; private set; } = ListFilter.From("/trending", null, null);

    public ImmutableArray<TrendingThing> Entries { get; private set; } = [];

    public async Task OnGetAsync(string? category, string? language)
    {
        Filter = ListFilter.From("/trending", category, language);
        Entries = await trending.TopAsync(Filter.Category, Filter.Language, Length);
    }
}
