using System.Collections.Immutable;
using Flattr.Statements;
using Flattr.Things;
using Flattr.Wallets;
using Npgsql;

namespace Flattr.Payouts;

/// <summary>A creator's income per settled month, per thing, from the ledger's settlement credits (newest months first).</summary>
public sealed class EarningsLedger(NpgsqlDataSource dataSource, ThingStore things)
{
    public const int MonthsShown = 24;

    public async Task<ImmutableArray<CreatorStatement>> SettledMonthsAsync(long userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH recent AS (
                SELECT t.month, e.thing_id, sum(e.amount_cents)::bigint AS cents, count(*)::int AS givers
                FROM accounts a
                JOIN ledger_entries e ON e.account_id = a.id
                JOIN ledger_transactions t ON t.id = e.transaction_id
                JOIN months m ON m.month = t.month AND m.status = 'settled'
                WHERE a.user_id = $1 AND t.kind = 'settlement' AND e.amount_cents > 0 AND e.thing_id IS NOT NULL
                GROUP BY t.month, e.thing_id
            )
            SELECT month, thing_id, cents, givers FROM recent
            WHERE month IN (SELECT DISTINCT month FROM recent ORDER BY month DESC LIMIT $2)
            ORDER BY month DESC, cents DESC, thing_id
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = MonthsShown });
        var rows = new List<(Month Month, long ThingId, long Cents, int Givers)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var first = reader.GetFieldValue<DateOnly>(0);
                rows.Add((new Month(first.Year, first.Month), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3)));
            }
        }

        var named = (await things.GetManyAsync([.. rows.Select(r => r.ThingId).Distinct()], cancellationToken).ConfigureAwait(false))
            .ToDictionary(t => t.Id);
        return [.. rows.GroupBy(r => r.Month).Select(month => new CreatorStatement(userId, month.Key, MonthStatus.Settled,
            [.. month.Select(r => named.TryGetValue(r.ThingId, out var thing)
                ? new CreatorStatementLine(r.ThingId, thing.Title, thing.Url, r.Givers, r.Cents)
                : new CreatorStatementLine(r.ThingId, string.Empty, string.Empty, r.Givers, r.Cents))]))];
    }
}
