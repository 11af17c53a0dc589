using Npgsql;

namespace Flattr.Web.Tests.Statements;

/// <summary>What the ledger itself says about a user's month, asked directly of the database (not through the statement code).</summary>
public static class LedgerFacts
{
    /// <summary>
    /// What left the giver because of <paramref name="month"/>: the debits of the giver's own account in the month's settlement
    /// and charity transactions, and the fees the deposits made during the month paid.
    /// </summary>
    public static async Task<long> GiverPaidAsync(NpgsqlDataSource database, long giverId, Month month)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var command = database.CreateCommand("""
            SELECT (SELECT coalesce(-sum(e.amount_cents), 0)::bigint
                    FROM ledger_transactions t
                    JOIN ledger_entries e ON e.transaction_id = t.id
                    JOIN accounts a ON a.id = e.account_id
                    WHERE t.user_id = $1 AND t.month = $2 AND t.kind IN ('settlement', 'charity') AND a.user_id = $1)
                 + (SELECT coalesce(sum(e.amount_cents), 0)::bigint
                    FROM deposits d
                    JOIN ledger_entries e ON e.transaction_id = d.transaction_id
                    JOIN accounts a ON a.id = e.account_id AND a.kind = 'fees'
                    WHERE d.user_id = $1 AND d.created_at >= $3 AND d.created_at < $4)
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = giverId });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = month.Start });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = month.End });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>What the month's settlement credited to the user's account.</summary>
    public static async Task<long> CreatorReceivedAsync(NpgsqlDataSource database, long userId, Month month)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var command = database.CreateCommand("""
            SELECT coalesce(sum(e.amount_cents), 0)::bigint
            FROM ledger_transactions t
            JOIN ledger_entries e ON e.transaction_id = t.id
            JOIN accounts a ON a.id = e.account_id
            WHERE a.user_id = $1 AND t.user_id <> $1 AND t.month = $2 AND t.kind = 'settlement'
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
