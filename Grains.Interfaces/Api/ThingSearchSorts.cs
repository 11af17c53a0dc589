using System.Diagnostics.CodeAnalysis;

namespace Flattr.Api;

/// <summary>The API's names of the search orders.</summary>
public static class ThingSearchSorts
{
    public static IReadOnlyList<string> Names { get; } = ["relevance", "trend", "flattrs", "flattrs_month", "flattrs_week", "flattrs_day"];

    public static bool TryParse([NotNullWhen(true)] string? name, out ThingSearchSort sort)
    {
        sort = name switch
        {
            "relevance" => ThingSearchSort.Relevance,
            "trend" => ThingSearchSort.Trend,
            "flattrs" => ThingSearchSort.Flattrs,
            "flattrs_month" => ThingSearchSort.FlattrsMonth,
            "flattrs_week" => ThingSearchSort.FlattrsWeek,
            "flattrs_day" => ThingSearchSort.FlattrsDay,
            _ => (ThingSearchSort)(-1),
        };
        return Enum.IsDefined(sort);
    }
}
