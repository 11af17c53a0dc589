namespace Flattr.Grains.Tests.Ledger;

public sealed class LedgerAuditTests : IAsyncLifetime
{
    StoreHarness _h = null!;

    public async Task InitializeAsync() => _h = await StoreHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Audit_of_a_healthy_ledger_counts_everything_and_is_ok()
    {
        var user = await _h.Database.AddUserAsync();
        await _h.Ledger.DepositAsync("sandbox", "a", user, 1_000);
        await _h.Ledger.DepositAsync("sandbox", "b", user, 2_000);

        var audit = await _h.Ledger.AuditAsync();

        Assert.True(audit.Ok, audit.ToString());
        Assert.Equal((2L, 0L, 5L, 0L, 6L, 0L),
            (audit.TransactionsChecked, audit.UnbalancedTransactions, audit.AccountsChecked, audit.MismatchedAccounts, audit.EntriesChecked,
             audit.BalanceTotalCents));
    }

    [Fact]
    public async Task Audit_finds_a_balance_changed_behind_the_ledgers_back()
    {
        var user = await _h.Database.AddUserAsync();
        await _h.Ledger.DepositAsync("sandbox", "a", user, 1_000);
        // Only a superuser switching triggers off can do this; the audit must still notice.
        await _h.Database.ExecuteAsync("""
            SET session_replication_role = replica;
            UPDATE accounts SET balance_cents = balance_cents + 1 WHERE user_id = 
            """ + user + "; SET session_replication_role = origin;");

        var audit = await _h.Ledger.AuditAsync();

        Assert.False(audit.Ok);
        Assert.Equal((1L, 1L), (audit.MismatchedAccounts, audit.BalanceTotalCents));
    }

    [Fact]
    public async Task Audit_finds_an_unbalanced_or_empty_transaction_written_behind_the_ledgers_back()
    {
        var user = await _h.Database.AddUserAsync();
        await _h.Database.ExecuteAsync("""
            SET session_replication_role = replica;
            INSERT INTO ledger_transactions (kind, idempotency_key) VALUES ('deposit', 'empty');
            WITH t AS (INSERT INTO ledger_transactions (kind, idempotency_key) VALUES ('deposit', 'lopsided') RETURNING id)
            INSERT INTO ledger_entries (transaction_id, account_id, amount_cents)
            SELECT t.id, a.id, 500 FROM t, accounts a WHERE a.kind = 'fees';
            SET session_replication_role = origin;
            """);

        var audit = await _h.Ledger.AuditAsync();

        Assert.False(audit.Ok);
        Assert.Equal(2L, audit.UnbalancedTransactions);
        Assert.Equal(1L, audit.MismatchedAccounts);
    }
}
