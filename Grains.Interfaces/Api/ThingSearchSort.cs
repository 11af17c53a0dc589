using Orleans;

namespace Flattr.Api;

/// <summary>The orders of <c>GET /things/search</c> (Flattr API v2 names in <see cref="ThingSearchSorts"/>).</summary>
[GenerateSerializer, Alias("Flattr.ThingSearchSort")]
public enum ThingSearchSort
{
    /// <summary>Full-text rank; newest first when there is no query text.</summary>
    Relevance,

    /// <summary>The trending board's order (<c>Flattr.Trending.TrendingHeat</c>): each flattr counts half as much every 12 hours.</summary>
    Trend,

    /// <summary>Most flattrs of all time.</summary>
    Flattrs,

    /// <summary>Most flattrs this calendar month (UTC).</summary>
    FlattrsMonth,

    /// <summary>Most flattrs in the last 7 days.</summary>
    FlattrsWeek,

    /// <summary>Most flattrs in the last 24 hours.</summary>
    FlattrsDay,
}
