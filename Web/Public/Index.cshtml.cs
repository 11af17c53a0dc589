using System.Collections.Immutable;
using Flattr.Web.Live;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Flattr.Web.Public;

/// <summary>The front page: what Flattr is, what is trending now and the latest flattrs.</summary>
public sealed class IndexModel(TrendingBoard board) : PageModel
{
    public ImmutableArray<TrendingEntry> Trending { get; private set; } = [];

    public ImmutableList<ActivityItem> Recent { get; private set; } = [];

    public ListFilter Filter { get; } = ListFilter.From("/trending", null, null);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Trending = await board.TopAsync(null, null, 8, cancellationToken);
        Recent = (await board.RecentAsync(cancellationToken)).Take(8).ToImmutableList();
    }
}
