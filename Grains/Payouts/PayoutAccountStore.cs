using Npgsql;

namespace Flattr.Payouts;

/// <summary>Each user's payout account (IBAN and holder), one row per user, replaced as a whole when changed.</summary>
public sealed class PayoutAccountStore(NpgsqlDataSource dataSource)
{
    public async Task<PayoutDestination?> GetAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, userId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores an already validated, normalised IBAN and holder name.</summary>
    public async Task<PayoutDestination> SetAsync(long userId, string iban, string holderName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO payout_accounts (user_id, iban, holder_name, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (user_id) DO UPDATE SET iban = excluded.iban, holder_name = excluded.holder_name, updated_at = excluded.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = iban });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = holderName });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new FlattrException(FlattrErrors.NotFound, $"User {userId} does not exist.", e);
        }

        return new PayoutDestination(iban, holderName, now);
    }

    internal static async Task<PayoutDestination?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long userId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT iban, holder_name, updated_at FROM payout_accounts WHERE user_id = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new PayoutDestination(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2))
            : null;
    }
}
