using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;

namespace Flattr.Things;

/// <summary>The <c>things</c> table. The unique URL index is the truth about registered URLs.</summary>
public sealed class ThingStore(NpgsqlDataSource dataSource)
{
    const string Columns =
        "t.id, t.owner_id, u.username, t.url, t.title, t.description, t.category, t.language, t.tags, t.hidden, t.status, t.created_at, t.updated_at";

    const string From = "things t JOIN users u ON u.id = t.owner_id";

    /// <summary>The same columns over a data-modifying CTE named <c>t</c> (INSERT/UPDATE … RETURNING *).</summary>
    const string FromChanged = "t JOIN users u ON u.id = t.owner_id";

    /// <summary>Inserts a validated submission; a registered URL is a <see cref="FlattrErrors.Conflict"/>, an unknown owner <see cref="FlattrErrors.NotFound"/>.</summary>
    public async Task<ThingInfo> InsertAsync(long ownerId, ThingSubmission thing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thing);
        await using var command = dataSource.CreateCommand(
            $"""
            WITH t AS (
                INSERT INTO things (owner_id, url, title, description, category, language, tags, hidden)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                RETURNING *)
            SELECT {Columns} FROM {FromChanged}
            """);
        command.Parameters.Add(new() { Value = ownerId });
        command.Parameters.Add(new() { Value = thing.Url });
        command.Parameters.Add(new() { Value = thing.Title });
        command.Parameters.Add(new() { Value = thing.Description });
        command.Parameters.Add(new() { Value = thing.Category });
        command.Parameters.Add(new() { Value = thing.Language });
        command.Parameters.Add(new() { Value = thing.Tags.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = thing.Hidden });
        try
        {
            return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).Single();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new FlattrException(FlattrErrors.Conflict, $"A thing is already registered at {thing.Url}.", e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new FlattrException(FlattrErrors.NotFound, $"There is no user {ownerId}.", e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "The thing's data is not valid: " + e.ConstraintName, e);
        }
    }

    public async Task<ThingInfo?> GetAsync(long thingId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM {From} WHERE t.id = $1");
        command.Parameters.Add(new() { Value = thingId });
        return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>The things with these ids (any order; unknown ids left out).</summary>
    public async Task<ImmutableArray<ThingInfo>> GetManyAsync(IReadOnlyCollection<long> thingIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thingIds);
        if (thingIds.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM {From} WHERE t.id = ANY($1)");
        command.Parameters.Add(new() { Value = thingIds.ToArray() });
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long?> FindByUrlAsync(string normalisedUrl, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM things WHERE url = $1");
        command.Parameters.Add(new() { Value = normalisedUrl });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long id ? id : null;
    }

    public async Task<ThingInfo?> UpdateAsync(ThingInfo thing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thing);
        await using var command = dataSource.CreateCommand(
            $"""
            WITH t AS (
                UPDATE things SET title = $2, description = $3, category = $4, language = $5, tags = $6, hidden = $7, updated_at = now()
                WHERE id = $1
                RETURNING *)
            SELECT {Columns} FROM {FromChanged}
            """);
        command.Parameters.Add(new() { Value = thing.Id });
        command.Parameters.Add(new() { Value = thing.Title });
        command.Parameters.Add(new() { Value = thing.Description });
        command.Parameters.Add(new() { Value = thing.Category });
        command.Parameters.Add(new() { Value = thing.Language });
        command.Parameters.Add(new() { Value = thing.Tags.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = thing.Hidden });
        return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<ThingInfo?> MarkDeletedAsync(long thingId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            WITH t AS (UPDATE things SET status = 'deleted', updated_at = now() WHERE id = $1 RETURNING *)
            SELECT {Columns} FROM {FromChanged}
            """);
        command.Parameters.Add(new() { Value = thingId });
        return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>An owner's active things, newest first: the page's ids and the total.</summary>
    public async Task<(ImmutableArray<long> Ids, long Total)> ListByOwnerAsync(long ownerId, bool includeHidden, int page, int count, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            ThingSearchSql.PageQuery("t.owner_id = $1 AND t.status = 'active' AND ($2 OR NOT t.hidden)", "t.created_at DESC, t.id DESC", "$3", "$4"));
        command.Parameters.Add(new() { Value = ownerId });
        command.Parameters.Add(new() { Value = includeHidden });
        command.Parameters.Add(new() { Value = count });
        command.Parameters.Add(new() { Value = (long)(page - 1) * count });
        return await ThingSearchSql.ReadPageAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Listed (active, not hidden) things matching every criterion: the page's ids in order and the total, counted up to a bound.</summary>
    public async Task<(ImmutableArray<long> Ids, long Total, bool MoreThanTotal)> SearchAsync(ThingQuery query, Month currentMonth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new ThingSearchSql()
            .MatchText(query.Text)
            .In("t.category", query.Categories)
            .In("t.language", query.Languages)
            .OwnedBy(query.OwnerId);
        if (!query.Tags.IsDefaultOrEmpty)
        {
            var tags = query.Tags.Select(tag => tag.Trim().ToLowerInvariant()).ToArray();
            sql.Where($"t.tags @> {sql.Parameter(tags, NpgsqlDbType.Array | NpgsqlDbType.Text)}");
        }

        var order = query.Sort switch
        {
            ThingSort.Relevance => sql.RelevanceOrder(),
            ThingSort.Flattrs => ThingSearchSql.FlattrsOrder,
            ThingSort.FlattrsMonth => sql.FlattrsInMonthOrder(currentMonth),
            _ => ThingSearchSql.NewestOrder,
        };
        return await sql.PageAsync(dataSource, order, query.Count, query.Page, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> CountActiveAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM things WHERE status = 'active'");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The thing's live counts per month (<c>thing_month_counts</c>) and its latest click, as the thing grain loads them.</summary>
    public async Task<(ImmutableArray<StoredMonthCount> Counts, DateTimeOffset? LastFlattrAt)> CountsAsync(long thingId, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new("SELECT month, clicks, version FROM thing_month_counts WHERE thing_id = $1") { Parameters = { new() { Value = thingId } } });
        batch.BatchCommands.Add(new("SELECT max(created_at) FROM clicks WHERE thing_id = $1") { Parameters = { new() { Value = thingId } } });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = ImmutableArray.CreateBuilder<StoredMonthCount>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new StoredMonthCount(Month.Of(reader.GetFieldValue<DateOnly>(0)), reader.GetInt64(1), reader.GetInt64(2)));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var last = reader.IsDBNull(0) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(0);
        return (counts.ToImmutable(), last);
    }

    static async Task<ImmutableArray<ThingInfo>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var things = ImmutableArray.CreateBuilder<ThingInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            things.Add(new ThingInfo(
                reader.GetInt64(0),
                reader.GetInt64(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                [.. reader.GetFieldValue<string[]>(8)],
                reader.GetBoolean(9),
                reader.GetString(10) == "deleted" ? ThingStatus.Deleted : ThingStatus.Active,
                reader.GetFieldValue<DateTimeOffset>(11),
                reader.GetFieldValue<DateTimeOffset>(12)));
        }

        return things.ToImmutable();
    }
}
