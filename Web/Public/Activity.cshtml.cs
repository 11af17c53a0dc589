using System.Collections.Immutable;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Flattr.Web.Public;

/// <summary>The latest flattrs on public things (from the live feed; anonymous: no giver names in public).</summary>
public sealed class ActivityModel(TrendingBoard board) : PageModel
{
    public ImmutableList<ActivityItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Items = await board.RecentAsync(cancellationToken);
}
