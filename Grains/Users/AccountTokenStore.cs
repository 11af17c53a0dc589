using Npgsql;

namespace Flattr.Users;

/// <summary>
/// The <c>account_tokens</c> table: mailed single-use tokens (password reset, e-mail change), found by their SHA-256 and
/// their user. Redeeming one and what it changes happen in one transaction.
/// </summary>
public sealed class AccountTokenStore(NpgsqlDataSource dataSource)
{
    const string PasswordReset = "password_reset";
    const string EmailChange = "email_change";

    public Task InsertPasswordResetAsync(byte[] tokenHash, long userId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        InsertAsync(tokenHash, userId, PasswordReset, null, now, expiresAt, cancellationToken);

    public Task InsertEmailChangeAsync(byte[] tokenHash, long userId, string newEmail, DateTimeOffset now, DateTimeOffset expiresAt,
        CancellationToken cancellationToken) =>
        InsertAsync(tokenHash, userId, EmailChange, newEmail, now, expiresAt, cancellationToken);

    /// <summary>
    /// Uses the reset token (and every other unused reset token of the user), stores the new hash and ends every session of the
    /// user; false, changing nothing, when the token is not this user's, was used or has expired, or the account is deleted.
    /// </summary>
    public async Task<bool> ResetPasswordAsync(byte[] tokenHash, long userId, string passwordHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (await RedeemAsync(connection, transaction, tokenHash, userId, PasswordReset, now, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await using var change = new NpgsqlBatch(connection, transaction);
        Add(change, "UPDATE account_tokens SET used_at = $2 WHERE user_id = $1 AND purpose = 'password_reset' AND used_at IS NULL", userId, now);
        Add(change, "UPDATE users SET password_hash = $2 WHERE id = $1", userId, passwordHash);
        Add(change, "DELETE FROM user_sessions WHERE user_id = $1", userId);
        await change.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Uses the e-mail change token and moves the account to its address, verified.</summary>
    public async Task<EmailChangeOutcome> ChangeEmailAsync(byte[] tokenHash, long userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (await RedeemAsync(connection, transaction, tokenHash, userId, EmailChange, now, cancellationToken).ConfigureAwait(false) is not { } email)
        {
            return EmailChangeOutcome.Invalid;
        }

        await using var change = new NpgsqlCommand(
            "UPDATE users SET email = $2, email_verified_at = coalesce(email_verified_at, $3) WHERE id = $1", connection, transaction);
        change.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        change.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        change.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        try
        {
            await change.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return EmailChangeOutcome.Taken;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return EmailChangeOutcome.Changed;
    }

    async Task InsertAsync(byte[] tokenHash, long userId, string purpose, string? newEmail, DateTimeOffset now, DateTimeOffset expiresAt,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO account_tokens (token_hash, user_id, purpose, new_email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
            """);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = tokenHash });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = purpose });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)newEmail ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = expiresAt });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the token used if it is the user's, of the purpose, unused, unexpired and the account lives; null otherwise.</summary>
    static async Task<string?> RedeemAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, byte[] tokenHash, long userId, string purpose,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE account_tokens t SET used_at = $4
            FROM users u
            WHERE t.token_hash = $1 AND t.user_id = $2 AND t.purpose = $3 AND t.used_at IS NULL AND t.expires_at > $4
              AND u.id = t.user_id AND u.deleted_at IS NULL
            RETURNING coalesce(t.new_email, '')
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = tokenHash });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = purpose });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    static void Add<T>(NpgsqlBatch batch, string sql, long userId, T value)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        batch.BatchCommands.Add(command);
    }

    static void Add(NpgsqlBatch batch, string sql, long userId)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        batch.BatchCommands.Add(command);
    }
}
