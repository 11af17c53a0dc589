using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Flattr.Api;

/// <summary>
/// The API's search over listed things (active, not hidden): one count and one page query, built from the criteria with
/// every value as a parameter. The time-window orders count durable clicks, narrowed by the (thing, month) click index.
/// </summary>
sealed class ThingSearchStore(NpgsqlDataSource dataSource)
{
    /// <summary>The trend score's half-life: a flattr counts half as much every three days.</summary>
    static readonly TimeSpan TrendHalfLife = TimeSpan.FromDays(3);

    /// <summary>Flattrs older than this no longer count for the trend.</summary>
    static readonly TimeSpan TrendHorizon = TimeSpan.FromDays(30);

    public async Task<(ImmutableArray<long> Ids, long Total)> SearchAsync(
        ThingSearch search, TagExpression? tags, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var parameters = new List<NpgsqlParameter>();
        string Parameter(object value, NpgsqlDbType? type = null)
        {
            parameters.Add(type is { } t ? new NpgsqlParameter { Value = value, NpgsqlDbType = t } : new NpgsqlParameter { Value = value });
            return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        }

        var where = new StringBuilder("t.status = 'active' AND NOT t.hidden");
        string? text = null;
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            text = Parameter(search.Text.Trim());
            where.Append(" AND t.search @@ websearch_to_tsquery('simple', ").Append(text).Append(')');
        }

        if (search.UrlPrefix is { Length: > 0 } prefix)
        {
            where.Append(" AND starts_with(t.url, ").Append(Parameter(prefix)).Append(')');
        }

        if (tags is not null)
        {
            where.Append(" AND ").Append(Compile(tags, Parameter));
        }

        if (!search.Languages.IsDefaultOrEmpty)
        {
            where.Append(" AND t.language = ANY(").Append(Parameter(search.Languages.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)).Append(')');
        }

        if (!search.Categories.IsDefaultOrEmpty)
        {
            where.Append(" AND t.category = ANY(").Append(Parameter(search.Categories.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)).Append(')');
        }

        if (search.OwnerId is { } ownerId)
        {
            where.Append(" AND t.owner_id = ").Append(Parameter(ownerId));
        }

        var filterParameters = parameters.Count;
        var order = search.Sort switch
        {
            ThingSearchSort.Relevance when text is not null => $"ts_rank(t.search, websearch_to_tsquery('simple', {text})) DESC",
            ThingSearchSort.Relevance => "t.created_at DESC",
            ThingSearchSort.Flattrs => "(SELECT coalesce(sum(m.clicks), 0) FROM thing_month_counts m WHERE m.thing_id = t.id) DESC",
            ThingSearchSort.FlattrsMonth =>
                $"(SELECT coalesce(sum(m.clicks), 0) FROM thing_month_counts m WHERE m.thing_id = t.id AND m.month = {Parameter(Month.Of(now).FirstDay)}) DESC",
            ThingSearchSort.FlattrsWeek => ClicksSince(now - TimeSpan.FromDays(7), Parameter) + " DESC",
            ThingSearchSort.FlattrsDay => ClicksSince(now - TimeSpan.FromDays(1), Parameter) + " DESC",
            ThingSearchSort.Trend => Trend(now, Parameter) + " DESC",
            _ => throw new FlattrException(FlattrErrors.InvalidParameters, $"Unknown sort {search.Sort}."),
        };

        var limit = Parameter(search.Count);
        var offset = Parameter((long)(search.Page - 1) * search.Count);
        await using var batch = dataSource.CreateBatch();
        var count = new NpgsqlBatchCommand($"SELECT count(*) FROM things t WHERE {where}");
        foreach (var parameter in parameters.Take(filterParameters))
        {
            count.Parameters.Add(parameter.Clone());
        }

        var page = new NpgsqlBatchCommand($"SELECT t.id FROM things t WHERE {where} ORDER BY {order}, t.id DESC LIMIT {limit} OFFSET {offset}");
        page.Parameters.AddRange(parameters.ToArray());
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(page);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var ids = ImmutableArray.CreateBuilder<long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetInt64(0));
        }

        return (ids.ToImmutable(), total);
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

    static string Trend(DateTimeOffset now, Func<object, NpgsqlDbType?, string> parameter)
    {
        var since = now - TrendHorizon;
        return "(SELECT coalesce(sum(power(0.5::float8, extract(epoch FROM (" + parameter(now, null) + " - c.created_at))::float8 / " +
            parameter(TrendHalfLife.TotalSeconds, null) + ")), 0) FROM clicks c WHERE c.thing_id = t.id AND c.month >= " +
            parameter(Month.Of(since).FirstDay, null) + " AND c.created_at >= " + parameter(since, null) + ")";
    }
}
