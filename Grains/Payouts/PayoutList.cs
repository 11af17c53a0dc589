using System.Collections.Immutable;
using Flattr.Ledger;
using Npgsql;

namespace Flattr.Payouts;

/// <summary>Reads a user's payouts, newest first, with the IBAN each went to masked (the payout store and the ledger write them).</summary>
public sealed class PayoutList(NpgsqlDataSource dataSource)
{
    const string Columns = "id, user_id, amount_cents, status, requested_at, completed_at, iban, sent_at, failure_reason";

    public Task<ImmutableArray<PayoutInfo>> ForUserAsync(long userId, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {Columns} FROM payouts WHERE user_id = $1 ORDER BY id DESC", userId, null, cancellationToken);

    /// <summary>One payout of the user, or null.</summary>
    public async Task<PayoutInfo?> FindAsync(long userId, long payoutId, CancellationToken cancellationToken) =>
        (await ReadAsync($"SELECT {Columns} FROM payouts WHERE user_id = $1 AND id = $2", userId, payoutId, cancellationToken)
            .ConfigureAwait(false)).SingleOrDefault();

    async Task<ImmutableArray<PayoutInfo>> ReadAsync(string sql, long userId, long? payoutId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        if (payoutId is { } id)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        }

        var payouts = ImmutableArray.CreateBuilder<PayoutInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            payouts.Add(new PayoutInfo(
                reader.GetInt64(0),
                reader.GetInt64(1),
                reader.GetInt64(2),
                Payout.ParseStatus(reader.GetString(3)),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? string.Empty : Iban.Mask(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return payouts.ToImmutable();
    }
}
