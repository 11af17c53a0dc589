using System.Collections.Immutable;
using Flattr.Trending;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Flattr.Web.Public;

/// <summary>The front page: what Flattr is, what is trending now and the latest flattrs.</summary>
public sealed class IndexModel(TrendingReader trending, IConfiguration configuration) : PageModel
{
    public Giver.MoneyLimits Limits { get; } = Giver.MoneyLimits.From(configuration);

    public ImmutableArray<TrendingThing> Trending { get; private set; } = [];

    public ImmutableArray<RecentFlattr> Recent { get; private set; } = [];

    public ListFilter Filter { get; } = ListFilter.From("/trending", null, null);

    public async Task OnGetAsync()
    {
        Trending = await trending.TopAsync(null, null, 8);
        Recent = await trending.RecentAsync(8);
    }
}
