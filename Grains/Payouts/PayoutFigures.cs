using Npgsql;

namespace Flattr.Payouts;

/// <summary>
/// The money behind a payout, read in one transaction: the balance, all settled income (settlement credits to the user),
/// payouts not failed, and the budgets of the current and previous months while they are not settled (what the user's own
/// flattrs will still spend). Available = min(income − payouts, balance − those budgets), never below zero: deposits are
/// spent first and are never paid out.
/// </summary>
public sealed record PayoutFigures(long BalanceCents, long IncomeCents, long PaidOutCents, long ReservedCents)
{
    public long AvailableCents => Math.Max(0, Math.Min(IncomeCents - PaidOutCents, BalanceCents - ReservedCents));

    internal static async Task<PayoutFigures> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long userId, long accountId,
        Month current, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT
                (SELECT balance_cents FROM accounts WHERE id = $2),
                (SELECT coalesce(sum(e.amount_cents), 0) FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
                 WHERE e.account_id = $2 AND t.kind = 'settlement' AND e.amount_cents > 0)::bigint,
                (SELECT coalesce(sum(amount_cents), 0) FROM payouts WHERE user_id = $1 AND status <> 'failed')::bigint,
                (SELECT coalesce(sum((SELECT b.amount_cents FROM budgets b WHERE b.user_id = $1 AND b.effective_month <= m.month
                                      ORDER BY b.effective_month DESC LIMIT 1)), 0)
                 FROM (VALUES ($3::date), ($4::date)) AS m(month)
                 WHERE NOT EXISTS (SELECT 1 FROM months s WHERE s.month = m.month AND s.status = 'settled'))::bigint
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = accountId });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = current.FirstDay });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = current.Previous().FirstDay });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new PayoutFigures(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }
}
