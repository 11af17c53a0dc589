using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Flattr.Things;

/// <summary>
/// A search over listed things (active, not hidden), shared by the site's browse and the API's search: criteria become a
/// WHERE with every value a parameter, orders name their sort keys, and one statement returns the total and the page's
/// ids (newest id last among equals).
/// </summary>
internal sealed class ThingSearchSql
{
    /// <summary>Most flattrs of all time first.</summary>
    public const string FlattrsOrder = "(SELECT coalesce(sum(m.clicks), 0) FROM thing_month_counts m WHERE m.thing_id = t.id) DESC";

    public const string NewestOrder = "t.created_at DESC";

    readonly List<NpgsqlParameter> _parameters = [];
    readonly StringBuilder _where = new("t.status = 'active' AND NOT t.hidden");

    /// <summary>The SQL parameter marker ($n) of the search text once <see cref="MatchText"/> had one, for ordering by relevance.</summary>
    public string? TextParameter { get; private set; }

    /// <summary>Adds a parameter and returns its placeholder.</summary>
    public string Parameter(object value, NpgsqlDbType? type = null)
    {
        _parameters.Add(type is { } t ? new NpgsqlParameter { Value = value, NpgsqlDbType = t } : new NpgsqlParameter { Value = value });
        return "$" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
    }

    public ThingSearchSql Where(string condition)
    {
        _where.Append(" AND ").Append(condition);
        return this;
    }

    /// <summary>
    /// Things that match what someone typed (schema <c>0370_thing_search_languages.sql</c>): every word, as a prefix, as written
    /// or stemmed in English, French or German; or a title like the text despite a typo; or a creator whose name is like it.
    /// The query and the two similarity look-ups are computed once per statement (uncorrelated sub-selects).
    /// </summary>
    public ThingSearchSql MatchText(string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            TextParameter = Parameter(text.Trim());
            Where($"(t.search @@ {Query(TextParameter)}"
                + $" OR t.id = ANY(ARRAY(SELECT things_similar_titles({TextParameter})))"
                + $" OR t.owner_id = ANY(ARRAY(SELECT users_similar_names({TextParameter}))))");
        }

        return this;
    }

    static string Query(string text) => $"(SELECT things_search_query({text}))";

    /// <summary>Things whose <paramref name="column"/> is one of <paramref name="values"/>; no values, no condition.</summary>
    public ThingSearchSql In(string column, ImmutableArray<string> values) =>
        values.IsDefaultOrEmpty ? this : Where($"{column} = ANY({Parameter(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})");

    public ThingSearchSql OwnedBy(long? ownerId) => ownerId is { } id ? Where($"t.owner_id = {Parameter(id)}") : this;

    /// <summary>Best match first (the words' rank, weighted by where they stand, plus the title's likeness); newest first without text.</summary>
    public string RelevanceOrder() =>
        TextParameter is { } text ? $"ts_rank(t.search, {Query(text)}) + word_similarity({text}, t.title) DESC" : NewestOrder;

    /// <summary>Most flattrs in <paramref name="month"/> first.</summary>
    public string FlattrsInMonthOrder(Month month) =>
        $"(SELECT coalesce(sum(m.clicks), 0) FROM thing_month_counts m WHERE m.thing_id = t.id AND m.month = {Parameter(month.FirstDay)}) DESC";

    /// <summary>The total of matching things and page <paramref name="page"/> (from 1) of <paramref name="count"/> ids.</summary>
    public async Task<(ImmutableArray<long> Ids, long Total)> PageAsync(NpgsqlDataSource dataSource, string order, int count, int page,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var limit = Parameter(count);
        var offset = Parameter((long)(page - 1) * count);
        await using var command = dataSource.CreateCommand(PageQuery(_where.ToString(), order + ", t.id DESC", limit, offset));
        command.Parameters.AddRange(_parameters.ToArray());
        return await ReadPageAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One row: the number of matching things and the page's ids in order. The total is counted on its own, not with a
    /// window over the page's rows, so a page past the end still reports the real total.
    /// </summary>
    public static string PageQuery(string where, string order, string limit, string offset) =>
        $"""
        SELECT (SELECT count(*) FROM things t WHERE {where}),
               ARRAY(SELECT t.id FROM things t WHERE {where} ORDER BY {order} LIMIT {limit} OFFSET {offset})
        """;

    public static async Task<(ImmutableArray<long> Ids, long Total)> ReadPageAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return ([.. reader.GetFieldValue<long[]>(1)], reader.GetInt64(0));
    }
}
