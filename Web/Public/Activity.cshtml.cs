using System.Collections.Immutable;
using Flattr.Trending;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Flattr.Web.Public;

/// <summary>The latest flattrs on public things (from the trending board; anonymous: no giver names in public).</summary>
public sealed class ActivityModel(TrendingReader trending) : PageModel
{
    public const int Length = 50;

    public ImmutableArray<RecentFlattr> Items { get; private set; } = [];

    public async Task OnGetAsync() => Items = await trending.RecentAsync(Length);
}
