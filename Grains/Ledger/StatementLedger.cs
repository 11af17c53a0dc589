using Flattr.Statements;
using Npgsql;

namespace Flattr.Ledger;

/// <summary>Read-only ledger queries behind the statements: each line of a statement is one ledger entry.</summary>
public sealed class StatementLedger(NpgsqlDataSource dataSource)
{
    /// <summary>When the user's account was opened; null for an unknown user.</summary>
    public async Task<DateTimeOffset?> GetOpenedAtAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT created_at FROM users WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is DateTime opened
            ? new DateTimeOffset(DateTime.SpecifyKind(opened, DateTimeKind.Utc))
            : null;
    }

    /// <summary>
    /// The entries that took money from the giver in <paramref name="month"/>, in one snapshot: the credits of the giver's
    /// settlement transaction (a share, or a subscription's share when the month's click came from a subscription) or charity
    /// transaction, the fee entry of each deposit the giver made in the month, and what a rollover month kept.
    /// </summary>
    public async Task<GiverMonthEntries> GetGiverMonthEntriesAsync(long giverId, Month month, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken)
            .ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            SELECT CASE WHEN a.kind = 'charity' THEN 'charity' WHEN c.source = 'subscription' THEN 'subscription' ELSE 'share' END,
                   coalesce(e.thing_id, 0), coalesce(a.user_id, 0), e.amount_cents, 0::bigint, NULL::timestamptz
            FROM ledger_transactions t
            JOIN ledger_entries e ON e.transaction_id = t.id
            JOIN accounts a ON a.id = e.account_id
            LEFT JOIN clicks c ON c.giver_id = t.user_id AND c.thing_id = e.thing_id AND c.month = t.month
            WHERE t.user_id = $1 AND t.month = $2 AND t.kind IN ('settlement', 'charity') AND e.amount_cents > 0
            UNION ALL
            SELECT 'deposit_fee', 0, 0, e.amount_cents, d.amount_cents, d.created_at
            FROM ledger_transactions t
            JOIN deposits d ON d.transaction_id = t.id
            JOIN ledger_entries e ON e.transaction_id = t.id
            JOIN accounts a ON a.id = e.account_id AND a.kind = 'fees'
            WHERE t.user_id = $1 AND t.kind = 'deposit' AND t.created_at >= $3 AND t.created_at < $4
            ORDER BY 1, 2, 6
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = giverId });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = month.Start });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = month.End });
        var entries = new List<GiverMonthEntry>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new GiverMonthEntry(KindOf(reader.GetString(0)), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
                    reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }

        // Rollover moves no money: what stayed is what the plan would have spent (min(budget, balance)) had there been clicks.
        await using var kept = new NpgsqlCommand("""
            SELECT coalesce(sum(least(p.budget_cents, p.balance_cents)), 0)::bigint
            FROM settlement_plan p JOIN settlement_runs r ON r.month = p.month
            WHERE p.month = $2 AND p.giver_id = $1 AND p.clicks_count = 0 AND r.no_click_policy = 'rollover'
            """, connection, transaction);
        kept.Parameters.Add(new NpgsqlParameter<long> { TypedValue = giverId });
        kept.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
        var keptCents = (long)(await kept.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new GiverMonthEntries(giverId, month, entries, keptCents);
    }

    static GiverStatementLineKind KindOf(string kind) => kind switch
    {
        "charity" => GiverStatementLineKind.Charity,
        "subscription" => GiverStatementLineKind.Subscription,
        "deposit_fee" => GiverStatementLineKind.DepositFee,
        _ => GiverStatementLineKind.Share,
    };
}
