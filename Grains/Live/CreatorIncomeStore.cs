using System.Collections.Immutable;
using Npgsql;

namespace Flattr.Live;

/// <summary>Reads, from the durable clicks, what each giver's clicks on a creator's things are worth this month.</summary>
public sealed class CreatorIncomeStore(NpgsqlDataSource dataSource)
{
    public async Task<ImmutableArray<GiverClickShare>> SharesAsync(long creatorId, Month month, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH mine AS (
                SELECT c.giver_id, count(*)::int AS on_creator
                FROM clicks c JOIN things t ON t.id = c.thing_id
                WHERE t.owner_id = $1 AND c.month = $2
                GROUP BY c.giver_id)
            SELECT m.giver_id,
                   least(
                       coalesce((SELECT b.amount_cents FROM budgets b
                                 WHERE b.user_id = m.giver_id AND b.effective_month <= $2
                                 ORDER BY b.effective_month DESC LIMIT 1), 0),
                       coalesce((SELECT a.balance_cents FROM accounts a WHERE a.user_id = m.giver_id), 0)) AS spend,
                   (SELECT count(*)::int FROM clicks c WHERE c.giver_id = m.giver_id AND c.month = $2) AS total,
                   m.on_creator
            FROM mine m
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
}
