using System.Collections.Immutable;
using Flattr.Things;
using Flattr.Trending;
using Npgsql;
using NpgsqlTypes;

namespace Flattr.Api;

/// <summary>
/// The API's search over listed things: the site's <see cref="ThingSearchSql"/> with the API's own criteria (URL prefix,
/// boolean tag expressions) and orders. The time-window orders count durable clicks, narrowed by the (thing, month) click index.
/// </summary>
sealed class ThingSearchStore(NpgsqlDataSource dataSource)
{
    public async Task<(ImmutableArray<long> Ids, long Total, bool MoreThanTotal)> SearchAsync(
        ThingSearch search, TagExpression? tags, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var sql = new ThingSearchSql().MatchText(search.Text);
        if (search.UrlPrefix is { Length: > 0 } prefix)
        {
            sql.Where($"starts_with(t.url, {sql.Parameter(prefix)})");
        }

        if (tags is not null)
        {
            sql.Where(Compile(tags, sql.Parameter));
        }

        sql.In("t.language", search.Languages).In("t.category", search.Categories).OwnedBy(search.OwnerId);
        var order = search.Sort switch
        {
            ThingSearchSort.Relevance => sql.RelevanceOrder(),
            ThingSearchSort.Flattrs => ThingSearchSql.FlattrsOrder,
            ThingSearchSort.FlattrsMonth => sql.FlattrsInMonthOrder(Month.Of(now)),
            ThingSearchSort.FlattrsWeek => ClicksSince(now - TimeSpan.FromDays(7), sql.Parameter) + " DESC",
            ThingSearchSort.FlattrsDay => ClicksSince(now - TimeSpan.FromDays(1), sql.Parameter) + " DESC",
            ThingSearchSort.Trend => Trend(now, sql.Parameter) + " DESC NULLS LAST",
            _ => throw new FlattrException(FlattrErrors.InvalidParameters, $"Unknown sort {search.Sort}."),
        };
        return await sql.PageAsync(dataSource, order, search.Count, search.Page, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The expression as SQL over <c>t.tags</c>: each tag is a containment test the GIN index on tags answers.</summary>
    static string Compile(TagExpression expression, Func<object, NpgsqlDbType?, string> parameter) => expression switch
    {
        TagExpression.Tag tag => $"t.tags @> {parameter(new[] { tag.Name }, NpgsqlDbType.Array | NpgsqlDbType.Text)}",
        TagExpression.Not not => $"NOT ({Compile(not.Operand, parameter)})",
        TagExpression.And and => "(" + string.Join(" AND ", and.Operands.Select(o => Compile(o, parameter))) + ")",
        TagExpression.Or or => "(" + string.Join(" OR ", or.Operands.Select(o => Compile(o, parameter))) + ")",
        _ => throw new ArgumentOutOfRangeException(nameof(expression)),
    };

    static string ClicksSince(DateTimeOffset since, Func<object, NpgsqlDbType?, string> parameter) =>
        $"(SELECT count(*) FROM clicks c WHERE c.thing_id = t.id AND c.month >= {parameter(Month.Of(since).FirstDay, null)} " +
        $"AND c.created_at >= {parameter(since, null)})";

    /// <summary>
    /// The trending board's order (<see cref="TrendingHeat"/>, the same formula the trending grain ranks by): heat rank, hottest
    /// first; things without a click within the horizon have none and come last.
    /// </summary>
    static string Trend(DateTimeOffset now, Func<object, NpgsqlDbType?, string> parameter)
    {
        var (firstMonth, since) = TrendingSql.Horizon(now);
        var heat = TrendingSql.Heat(parameter(now, null), parameter(TrendingHeat.Rate, null), parameter(TrendingHeat.Of(now), null));
        return "(SELECT " + TrendingSql.Rank(heat) + " FROM clicks c WHERE c.thing_id = t.id AND " +
            TrendingSql.WithinHorizon(parameter(firstMonth, null), parameter(since, null)) + ")";
    }
}
