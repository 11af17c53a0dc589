using System.Globalization;

namespace Flattr.Trending;

/// <summary>
/// <see cref="TrendingHeat"/> in SQL, for the trending grain's seed and the API's <c>sort=trend</c>: the heat of the clicks
/// <c>c</c> of a group (an aggregate), <c>ln Σ e^(λ·(tᵢ − now))</c> + λ·(now − epoch), summed relative to now so that no
/// term overflows, and its rank (rounded to <see cref="TrendingHeat.Decimals"/> decimals). The SQL's
/// parameter markers stand for now (timestamptz), λ (<see cref="TrendingHeat.Rate"/>) and <see cref="TrendingHeat.Of"/>(now).
/// </summary>
internal static class TrendingSql
{
    public static string Heat(string now, string rate, string heatOfNow) =>
        $"(ln(sum(exp(extract(epoch FROM c.created_at - {now})::float8 * {rate}))) + {heatOfNow})";

    public static string Rank(string heat) =>
        $"round(({heat})::numeric, {TrendingHeat.Decimals.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>The clicks within the horizon: the month bound lets the (thing, month) index narrow them.</summary>
    public static string WithinHorizon(string firstMonth, string since) => $"c.month >= {firstMonth} AND c.created_at >= {since}";

    /// <summary>The first month and the instant the horizon reaches back to, from <paramref name="now"/>.</summary>
    public static (DateOnly FirstMonth, DateTimeOffset Since) Horizon(DateTimeOffset now)
    {
        var since = now - TrendingHeat.Horizon;
        return (Month.Of(since).FirstDay, since);
    }
}
