using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Flattr.Things;

/// <summary>
/// A search over listed things (active, not hidden), shared by the site's browse and the API's search: criteria become a
/// WHERE with every value a parameter, orders name their sort keys, and one statement (<see cref="ThingSearchStatement"/>)
/// returns the total, counted up to a bound, and the page's ids (newest id last among equals).
/// </summary>
internal sealed class ThingSearchSql
{
    /// <summary>Most flattrs of all time first.</summary>
    public const string FlattrsOrder = "(SELECT coalesce(sum(m.clicks), 0) FROM thing_month_counts m WHERE m.thing_id = t.id) DESC";

    public const string NewestOrder = "t.created_at DESC";

    /// <summary>A search counts its matches up to this many (or to the end of the requested page), then says "more than".</summary>
    public const int CountedUpTo = 1_000;

    /// <summary>When the words match fewer things than this (a page of the site), titles and names like the text are added.</summary>
    public const int FewMatches = 30;

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
    /// Things that match what someone typed (schema <c>0370_thing_search_languages.sql</c>, <c>0380_search_bounded.sql</c>): every
    /// word, as a prefix (of three letters or more), as written or stemmed in English, French or German; or a creator whose name
    /// has the words. Only when those are fewer than <see cref="FewMatches"/>: also a title like the text despite a typo, a
    /// creator whose name is like it, or the words with two neighbouring letters swapped ("brids" finds "birds"). The condition goes into the statement's common table expressions (<see cref="PageAsync"/>).
    /// </summary>
    public ThingSearchSql MatchText(string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            TextParameter = Parameter(text.Trim());
        }

        return this;
    }

    /// <summary>Things whose <paramref name="column"/> is one of <paramref name="values"/>; no values, no condition.</summary>
    public ThingSearchSql In(string column, ImmutableArray<string> values) =>
        values.IsDefaultOrEmpty ? this : Where($"{column} = ANY({Parameter(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})");

    public ThingSearchSql OwnedBy(long? ownerId) => ownerId is { } id ? Where($"t.owner_id = {Parameter(id)}") : this;

    /// <summary>
    /// Best match first: things with the words, by the words' rank (weighted by where they stand), then things only like the
    /// text, by their title's likeness; newest first without text. With text, the order ranks the first
    /// <see cref="CountedUpTo"/> matches found (or as many as the requested page reaches), not every match of a common word.
    /// </summary>
    public string RelevanceOrder() =>
        TextParameter is { } text
            ? $"t.alike, (CASE WHEN t.alike THEN word_similarity({text}, t.title) ELSE ts_rank(t.search, (SELECT words FROM query)) END) DESC"
            : NewestOrder;

    /// <summary>Most flattrs in <paramref name="month"/> first.</summary>
    public string FlattrsInMonthOrder(Month month) =>
        $"(SELECT coalesce(sum(m.clicks), 0) FROM thing_month_counts m WHERE m.thing_id = t.id AND m.month = {Parameter(month.FirstDay)}) DESC";

    /// <summary>
    /// Page <paramref name="page"/> (from 1) of <paramref name="count"/> ids and the total of matching things, counted up to
    /// <see cref="CountedUpTo"/> or to the end of the requested page if that is further: past that bound the total is the bound
    /// and <c>MoreThanTotal</c> says there are more.
    /// </summary>
    public async Task<(ImmutableArray<long> Ids, long Total, bool MoreThanTotal)> PageAsync(NpgsqlDataSource dataSource, string order,
        int count, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var offset = (long)(page - 1) * count;
        var bound = Math.Max(CountedUpTo, offset + count);
        var sql = new ThingSearchStatement(_where.ToString(), order + ", t.id DESC", Parameter(count), Parameter(offset), Parameter(bound + 1));
        var statement = TextParameter is { } text
            ? sql.Matching(text, Parameter(FewMatches), ranked: order == RelevanceOrder())
            : sql.Listing();
        await using var command = dataSource.CreateCommand(statement);
        command.Parameters.AddRange(_parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var total = reader.GetInt64(0);
        return ([.. reader.GetFieldValue<long[]>(1)], Math.Min(total, bound), total > bound);
    }

    /// <summary>
    /// One row: the number of matching things, counted exactly (a creator's own list), and the page's ids in order. The total
    /// is counted on its own, not with a window over the page's rows, so a page past the end still reports the real total.
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
