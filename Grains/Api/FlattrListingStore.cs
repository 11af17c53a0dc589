using System.Collections.Immutable;
using Flattr.Clicks;
using Npgsql;

namespace Flattr.Api;

/// <summary>Flattr listings over the <c>clicks</c> table, newest first, with the total of all pages.</summary>
sealed class FlattrListingStore(NpgsqlDataSource dataSource)
{
    const string Select =
        """
        SELECT c.thing_id, t.title, t.url, t.owner_id, o.username, t.hidden,
               (SELECT coalesce(sum(m.clicks), 0)::bigint FROM thing_month_counts m WHERE m.thing_id = c.thing_id),
               c.giver_id, g.username, c.anonymous, c.created_at, c.month, c.source
        """;

    const string From =
        "clicks c JOIN things t ON t.id = c.thing_id JOIN users o ON o.id = t.owner_id JOIN users g ON g.id = c.giver_id";

    const string Order = "ORDER BY c.created_at DESC, c.thing_id DESC, c.giver_id DESC";

    /// <summary>What strangers may see of a flattr: not anonymous, on a listed thing.</summary>
    const string Public = "NOT c.anonymous AND NOT t.hidden AND t.status = 'active'";

    public Task<FlattrListingPage> ByGiverAsync(long giverId, bool asGiver, int page, int count, CancellationToken cancellationToken) =>
        PageAsync($"c.giver_id = $1 AND ($2 OR ({Public}))", [giverId, asGiver], page, count, cancellationToken);

    public Task<FlattrListingPage> ByThingAsync(long thingId, int page, int count, CancellationToken cancellationToken) =>
        PageAsync("c.thing_id = $1 AND NOT c.anonymous", [thingId], page, count, cancellationToken);

    /// <summary>For each thing, how many different givers flattred it of all time (anonymous ones included: a count names nobody).</summary>
    public async Task<ImmutableDictionary<long, long>> CountGiversAsync(ImmutableArray<long> thingIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT thing_id, count(DISTINCT giver_id) FROM clicks WHERE thing_id = ANY($1) GROUP BY thing_id");
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. thingIds] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = ImmutableDictionary.CreateBuilder<long, long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return counts.ToImmutable();
    }

    public Task<FlattrListingPage> ToOwnerAsync(long ownerId, bool includeHidden, int page, int count, CancellationToken cancellationToken) =>
        PageAsync("t.owner_id = $1 AND NOT c.anonymous AND t.status = 'active' AND ($2 OR NOT t.hidden)", [ownerId, includeHidden], page, count, cancellationToken);

    async Task<FlattrListingPage> PageAsync(string where, object[] parameters, int page, int count, CancellationToken cancellationToken)
    {
        var limit = "$" + (parameters.Length + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var offset = "$" + (parameters.Length + 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var batch = dataSource.CreateBatch();
        var total = new NpgsqlBatchCommand($"SELECT count(*) FROM {From} WHERE {where}");
        var rows = new NpgsqlBatchCommand($"{Select} FROM {From} WHERE {where} {Order} LIMIT {limit} OFFSET {offset}");
        foreach (var value in parameters)
        {
            total.Parameters.Add(new() { Value = value });
            rows.Parameters.Add(new() { Value = value });
        }

        rows.Parameters.Add(new() { Value = count });
        rows.Parameters.Add(new() { Value = (long)(page - 1) * count });
        batch.BatchCommands.Add(total);
        batch.BatchCommands.Add(rows);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var totalItems = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var flattrs = ImmutableArray.CreateBuilder<FlattrListing>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            flattrs.Add(new FlattrListing(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.GetString(4),
                reader.GetBoolean(5),
                reader.GetInt64(6),
                reader.GetInt64(7),
                reader.GetString(8),
                reader.GetBoolean(9),
                reader.GetFieldValue<DateTimeOffset>(10),
                Month.Of(reader.GetFieldValue<DateOnly>(11)),
                ClickSql.ParseSource(reader.GetString(12))));
        }

        return new FlattrListingPage(flattrs.ToImmutable(), totalItems, page, count);
    }
}
