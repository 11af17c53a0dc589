using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;

namespace Flattr.Trending;

/// <summary>
/// The trending board's reads of the database: the hottest listed things (the seed), some things' heat now (a thing new to the
/// board, or one whose click was withdrawn), and the latest flattrs. Heat comes from <see cref="TrendingSql"/>, the formula of
/// the API's <c>sort=trend</c>. Each row also carries the thing's total clicks in the same snapshot, which tells the grain which
/// of the live feed's changes that heat already holds.
/// </summary>
internal sealed class TrendingStore(NpgsqlDataSource dataSource)
{
    /// <summary>The hottest <paramref name="count"/> listed things now, hottest first.</summary>
    public Task<ImmutableArray<TrendingRow>> HottestAsync(DateTimeOffset now, int count, CancellationToken cancellationToken) =>
        ReadHeatAsync(now, null, count, cancellationToken);

    /// <summary>The heat now of those of <paramref name="thingIds"/> that are listed and were clicked within the horizon.</summary>
    public Task<ImmutableArray<TrendingRow>> HeatOfAsync(DateTimeOffset now, IReadOnlyCollection<long> thingIds, CancellationToken cancellationToken) =>
        ReadHeatAsync(now, thingIds, thingIds.Count, cancellationToken);

    /// <summary>The latest <paramref name="count"/> flattrs on listed things within the last day, newest first.</summary>
    public async Task<ImmutableArray<RecentFlattr>> RecentAsync(DateTimeOffset now, int count, CancellationToken cancellationToken)
    {
        var since = now - TimeSpan.FromDays(1);
        await using var command = dataSource.CreateCommand(
            """
            SELECT t.id, t.title, u.username, t.category,
                   coalesce((SELECT m.clicks FROM thing_month_counts m WHERE m.thing_id = t.id AND m.month = c.month), 0),
                   c.created_at
            FROM clicks c JOIN things t ON t.id = c.thing_id JOIN users u ON u.id = t.owner_id
            WHERE c.month >= $1 AND c.created_at >= $2 AND t.status = 'active' AND NOT t.hidden
            ORDER BY c.created_at DESC, c.thing_id DESC
            LIMIT $3
            """);
        command.Parameters.Add(new() { Value = Month.Of(since).FirstDay });
        command.Parameters.Add(new() { Value = since });
        command.Parameters.Add(new() { Value = count });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var recent = ImmutableArray.CreateBuilder<RecentFlattr>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            recent.Add(new RecentFlattr(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return recent.ToImmutable();
    }

    async Task<ImmutableArray<TrendingRow>> ReadHeatAsync(
        DateTimeOffset now, IReadOnlyCollection<long>? thingIds, int count, CancellationToken cancellationToken)
    {
        var (firstMonth, since) = TrendingSql.Horizon(now);
        var only = thingIds is null ? string.Empty : " AND c.thing_id = ANY($8)";
        await using var command = dataSource.CreateCommand(
            $"""
            WITH heat AS (
                SELECT c.thing_id, {TrendingSql.Heat("$1", "$2", "$3")} AS heat, max(c.created_at) AS at
                FROM clicks c
                WHERE {TrendingSql.WithinHorizon("$4", "$5")}{only}
                GROUP BY c.thing_id
            )
            SELECT t.id, t.title, u.username, t.category, t.language,
                   coalesce((SELECT m.clicks FROM thing_month_counts m WHERE m.thing_id = t.id AND m.month = $7), 0),
                   (SELECT coalesce(sum(m.clicks), 0)::bigint FROM thing_month_counts m WHERE m.thing_id = t.id),
                   h.heat, h.at
            FROM heat h JOIN things t ON t.id = h.thing_id JOIN users u ON u.id = t.owner_id
            WHERE t.status = 'active' AND NOT t.hidden
            ORDER BY {TrendingSql.Rank("h.heat")} DESC, t.id DESC
            LIMIT $6
            """);
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = TrendingHeat.Rate });
        command.Parameters.Add(new() { Value = TrendingHeat.Of(now) });
        command.Parameters.Add(new() { Value = firstMonth });
        command.Parameters.Add(new() { Value = since });
        command.Parameters.Add(new() { Value = count });
        command.Parameters.Add(new() { Value = Month.Of(now).FirstDay });
        if (thingIds is not null)
        {
            command.Parameters.Add(new() { Value = thingIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = ImmutableArray.CreateBuilder<TrendingRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var thing = new TrendingThing(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5),
                reader.GetDouble(7), reader.GetFieldValue<DateTimeOffset>(8));
            rows.Add(new TrendingRow(thing, reader.GetInt64(6)));
        }

        return rows.ToImmutable();
    }
}
