using Flattr.Ledger;
using Flattr.Money;
using Flattr.Settlement;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Flattr.Payouts;

/// <summary>
/// Creators' payout requests. The balance check and the debit are one database transaction that holds the user's account row
/// (<c>FOR NO KEY UPDATE</c>): two requests of one user, from any silo, are serialised there, and the second sees the first's
/// payout. The settlement gate (shared here, exclusive while a settlement plans) keeps payouts away from a settling month.
/// </summary>
public sealed class PayoutStore(NpgsqlDataSource dataSource, IOptions<MoneyRules> rules, SettlementEngine settlement)
{
    /// <summary>
    /// Debits the payout (null: all that is available) to the payouts account and records it, with the payout account's IBAN and
    /// holder, as requested. While a month settles the refusal is a <c>conflict</c> that says when to retry.
    /// </summary>
    public async Task<Payout> RequestAsync(long userId, long? amountCents, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var minimum = rules.Value.MinimumPayoutCents;
        if (amountCents is { } asked && asked < minimum)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters,
                $"A payout is a whole number of cents of at least {MoneyValidation.Euros(minimum)}; got {asked} cents.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        Month? settling = null;
        await using (var gate = new NpgsqlCommand("""
            SELECT pg_advisory_xact_lock_shared($1), (SELECT month FROM months WHERE status = 'settling')
            """, connection, transaction))
        {
            gate.Parameters.Add(new NpgsqlParameter<long> { TypedValue = AdvisoryLocks.SettlementGate });
            await using var reader = await gate.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            settling = reader.IsDBNull(1) ? null : MonthOf(reader.GetFieldValue<DateOnly>(1));
        }

        if (settling is { } month)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            var wait = SettlementWait.Estimate(await settlement.GetProgressAsync(month, cancellationToken).ConfigureAwait(false), now);
            throw new FlattrException(FlattrErrors.Conflict,
                $"Payouts wait while {month} is being settled; try again in about {SettlementWait.Minutes(wait)} minute(s).");
        }

        var account = await PayoutAccountStore.ReadAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false)
            ?? throw new FlattrException(FlattrErrors.InvalidParameters, "Add the bank account payouts go to (IBAN and holder) first.");
        // The row lock first, then the figures: a concurrent request of the same user has committed (or rolled back) by now.
        var accountId = await LockAccountAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false);
        var figures = await PayoutFigures.ReadAsync(connection, transaction, userId, accountId, Month.Of(now), cancellationToken).ConfigureAwait(false);
        var available = figures.AvailableCents;
        var amount = amountCents ?? available;
        if (amount > available || amount < minimum)
        {
            throw new FlattrException(FlattrErrors.NoMeans,
                $"A payout of {MoneyValidation.Euros(amount)} was asked; {MoneyValidation.Euros(available)} is available and the minimum is " +
                $"{MoneyValidation.Euros(minimum)}.");
        }

        await using var request = new NpgsqlCommand("""
            WITH payout AS (
                INSERT INTO payouts (user_id, amount_cents, requested_at, iban, holder_name) VALUES ($1, $2, $4, $5, $6) RETURNING id
            ), tx AS (
                INSERT INTO ledger_transactions (kind, idempotency_key, user_id, created_at)
                SELECT 'payout', 'payout:' || payout.id, $1, $4 FROM payout RETURNING id
            ), entries AS (
                INSERT INTO ledger_entries (transaction_id, account_id, amount_cents)
                SELECT tx.id, e.account_id, e.amount_cents FROM tx,
                    (VALUES ($3, -$2), ((SELECT id FROM accounts WHERE kind = 'payouts'), $2)) AS e(account_id, amount_cents)
            )
            SELECT id FROM payout
            """, connection, transaction);
        request.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        request.Parameters.Add(new NpgsqlParameter<long> { TypedValue = amount });
        request.Parameters.Add(new NpgsqlParameter<long> { TypedValue = accountId });
        request.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        request.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.Iban });
        request.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.HolderName });
        var payoutId = (long)(await request.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        PayoutMetrics.Count(PayoutStatus.Requested, amount);
        return new Payout(payoutId, userId, amount, PayoutStatus.Requested, null, now, null);
    }

    /// <summary>The provider took the transfer: requested → sent (a payout already sent or final is left as it is).</summary>
    public async Task MarkSentAsync(long payoutId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE payouts SET status = 'sent', sent_at = $2 WHERE id = $1 AND status = 'requested'");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = payoutId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the user may pay out now, their balance, and the month being settled (if one is).</summary>
    public async Task<(PayoutFigures Figures, Month? Settling)> ReadFiguresAsync(long userId, Month current, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken)
            .ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT id FROM accounts WHERE user_id = $1), (SELECT month FROM months WHERE status = 'settling')", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        long accountId;
        Month? settling;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (reader.IsDBNull(0))
            {
                throw new FlattrException(FlattrErrors.NotFound, $"User {userId} does not exist.");
            }

            accountId = reader.GetInt64(0);
            settling = reader.IsDBNull(1) ? null : MonthOf(reader.GetFieldValue<DateOnly>(1));
        }

        var figures = await PayoutFigures.ReadAsync(connection, transaction, userId, accountId, current, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (figures, settling);
    }

    static Month MonthOf(DateOnly firstDay) => new(firstDay.Year, firstDay.Month);

    static async Task<long> LockAccountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long userId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id FROM accounts WHERE user_id = $1 FOR NO KEY UPDATE", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?
            ?? throw new FlattrException(FlattrErrors.NotFound, $"User {userId} does not exist.");
    }
}
