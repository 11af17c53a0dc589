using Flattr.Grains.Tests.Ledger;

namespace Flattr.Grains.Tests.Settlement;

/// <summary>
/// A canonical dump of the money state: every transaction (by idempotency key, without generated ids) with
/// its entries (by account owner), every balance, the plan and the months. Two databases hold the same
/// ledger exactly when their snapshots are equal.
/// </summary>
public sealed record LedgerSnapshot(string Text, long Transactions, long Entries)
{
    public static async Task<LedgerSnapshot> TakeAsync(LedgerDatabase database)
    {
        var text = await database.ScalarAsync<string>("""
            SELECT coalesce(string_agg(line, E'\n' ORDER BY line), '') FROM (
                SELECT 'tx|' || t.idempotency_key || '|' || t.kind || '|' || coalesce(t.month::text, '-') || '|'
                       || coalesce(t.user_id::text, '-') || '|' || t.created_at::text || '|'
                       || (SELECT string_agg(coalesce(a.user_id::text, a.kind) || ':' || e.amount_cents || ':' || coalesce(e.thing_id::text, '-'),
                                             ',' ORDER BY coalesce(a.user_id::text, a.kind), e.amount_cents, e.thing_id)
                           FROM ledger_entries e JOIN accounts a ON a.id = e.account_id WHERE e.transaction_id = t.id) AS line
                FROM ledger_transactions t
                UNION ALL
                SELECT 'balance|' || coalesce(user_id::text, kind) || '|' || balance_cents FROM accounts
                UNION ALL
                SELECT 'plan|' || month || '|' || giver_id || '|' || spend_cents || '|' || clicks_count || '|' || done FROM settlement_plan
                UNION ALL
                SELECT 'month|' || month || '|' || status FROM months
            ) lines
            """);
        return new LedgerSnapshot(text,
            await database.ScalarAsync<long>("SELECT count(*) FROM ledger_transactions"),
            await database.ScalarAsync<long>("SELECT count(*) FROM ledger_entries"));
    }
}
