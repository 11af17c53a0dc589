using System.Collections.Immutable;
using Flattr.Web.Live;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Flattr.Web.Public;

/// <summary>Trending things (decaying heat), filtered by category and language, reordering live.</summary>
public sealed class TrendingModel(TrendingBoard board) : PageModel
{
    public const int Length = 20;

    public ListFilter Filter { get; private set; } = ListFilter.From("/trending", null, null);

    public ImmutableArray<TrendingEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(string? category, string? language, CancellationToken cancellationToken)
    {
        Filter = ListFilter.From("/trending", category, language);
        Entries = await board.TopAsync(Filter.Category, Filter.Language, Length, cancellationToken);
    }
}
