using Npgsql;

namespace Flattr.Users;

/// <summary>
/// What deleting an account reads and writes in the database: its money as the ledger knows it, and the final step that
/// replaces the user row's name and address (the row stays: the ledger, clicks and things refer to it).
/// </summary>
public sealed class AccountDeletionStore(NpgsqlDataSource dataSource)
{
    /// <summary>The balance, income received by settlement, what left by payouts (net of failed ones), income on its way, active things.</summary>
    public async Task<AccountMoney> GetMoneyAsync(long userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT a.balance_cents,
                   coalesce((SELECT sum(e.amount_cents) FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
                             WHERE e.account_id = a.id AND t.kind = 'settlement' AND e.thing_id IS NOT NULL AND e.amount_cents > 0), 0)::bigint,
                   coalesce((SELECT -sum(e.amount_cents) FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
                             WHERE e.account_id = a.id AND t.kind IN ('payout', 'payout_reversal')), 0)::bigint,
                   EXISTS (SELECT 1 FROM things th JOIN clicks c ON c.thing_id = th.id JOIN months m ON m.month = c.month
                           WHERE th.owner_id = a.user_id AND m.status <> 'settled'),
                   (SELECT count(*) FROM things th WHERE th.owner_id = a.user_id AND th.status = 'active')::int
            FROM accounts a WHERE a.user_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new FlattrException(FlattrErrors.NotFound, $"There is no user {userId}.");
        }

        return new AccountMoney(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetBoolean(3), reader.GetInt32(4));
    }

    /// <summary>
    /// Stops the budget from <paramref name="month"/> on (no spend is settled for an account without clicks), and in one
    /// transaction replaces the name and address (freeing the address), drops the password, ends the sessions, uses up the
    /// mailed tokens and revokes the API tokens.
    /// </summary>
    public async Task PseudonymiseAsync(long userId, Month month, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        Add(batch, """
            UPDATE users SET username = 'deleted_' || id, email = 'deleted-' || id || '@deleted.invalid', display_name = $3,
                   password_hash = NULL, deleted_at = $2
            WHERE id = $1 AND deleted_at IS NULL
            """, userId, now, DeletedDisplayName);
        Add(batch, "DELETE FROM budgets WHERE user_id = $1 AND effective_month > $2", userId, month.FirstDay);
        Add(batch, """
            INSERT INTO budgets (user_id, effective_month, amount_cents, set_at) VALUES ($1, $2, 0, $3)
            ON CONFLICT (user_id, effective_month) DO UPDATE SET amount_cents = 0, set_at = excluded.set_at
            """, userId, month.FirstDay, now);
        Add(batch, "DELETE FROM user_sessions WHERE user_id = $1", userId);
        Add(batch, "UPDATE account_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL", userId, now);
        Add(batch, "UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL", userId, now);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The display name of every deleted account.</summary>
    public const string DeletedDisplayName = "Deleted user";

    static void Add(NpgsqlBatch batch, string sql, long userId, params object[] values)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        batch.BatchCommands.Add(command);
    }
}
