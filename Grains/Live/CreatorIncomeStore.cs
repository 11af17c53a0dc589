using System.Collections.Immutable;
using Npgsql;

namespace Flattr.Live;

/// <summary>Reads, from the durable clicks, what each giver's clicks on a creator's things are worth in a month.</summary>
public sealed class CreatorIncomeStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// <c>terms</c>: for each giver in <c>mine</c>, spend = min(budget of the month $2, balance now) and all their clicks
    /// of the month.
    /// </summary>
    const string GiverTerms =
        """
        terms AS (
            SELECT g.giver_id,
                   least(
                       coalesce((SELECT b.amount_cents FROM budgets b
                                 WHERE b.user_id = g.giver_id AND b.effective_month <= $2
                                 ORDER BY b.effective_month DESC LIMIT 1), 0),
                       coalesce((SELECT a.balance_cents FROM accounts a WHERE a.user_id = g.giver_id), 0)) AS spend,
                   (SELECT count(*)::int FROM clicks c WHERE c.giver_id = g.giver_id AND c.month = $2) AS total
            FROM (SELECT DISTINCT giver_id FROM mine) g)
        """;

    public async Task<ImmutableArray<GiverClickShare>> SharesAsync(long creatorId, Month month, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            WITH mine AS (
                SELECT c.giver_id, count(*)::int AS on_creator
                FROM clicks c JOIN things t ON t.id = c.thing_id
                WHERE t.owner_id = $1 AND c.month = $2
                GROUP BY c.giver_id),
            {GiverTerms}
            SELECT m.giver_id, t.spend, t.total, m.on_creator FROM mine m JOIN terms t USING (giver_id)
            """);
        command.Parameters.Add(new() { Value = creatorId });
        command.Parameters.Add(new() { Value = month.FirstDay });
        var shares = ImmutableArray.CreateBuilder<GiverClickShare>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            shares.Add(new GiverClickShare(reader.GetInt64(0), month, reader.GetInt64(1), reader.GetInt32(2), reader.GetInt32(3)));
        }

        return shares.ToImmutable();
    }

    /// <summary>
    /// Each giver's clicks on the creator's things per UTC day of the month, ordered by giver and day. A click stamped
    /// outside the month (a subscription's click added when the month is settled) counts on its last day.
    /// </summary>
    public async Task<ImmutableArray<GiverDayClicks>> DailySharesAsync(long creatorId, Month month, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            WITH mine AS (
                SELECT c.giver_id, least(greatest((c.created_at AT TIME ZONE 'UTC')::date, $2), $3) AS day, count(*)::int AS on_creator
                FROM clicks c JOIN things t ON t.id = c.thing_id
                WHERE t.owner_id = $1 AND c.month = $2
                GROUP BY 1, 2),
            {GiverTerms}
            SELECT m.giver_id, t.spend, t.total, m.day, m.on_creator FROM mine m JOIN terms t USING (giver_id)
            ORDER BY m.giver_id, m.day
            """);
        command.Parameters.Add(new() { Value = creatorId });
        command.Parameters.Add(new() { Value = month.FirstDay });
        command.Parameters.Add(new() { Value = month.Next().FirstDay.AddDays(-1) });
        var days = ImmutableArray.CreateBuilder<GiverDayClicks>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            days.Add(new GiverDayClicks(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetFieldValue<DateOnly>(3), reader.GetInt32(4)));
        }

        return days.ToImmutable();
    }
}
