using Npgsql;

namespace Flattr.Grains.Tests.Ledger;

/// <summary>The database refuses what the rules forbid, whoever writes: these tests write SQL directly.</summary>
public sealed class SchemaConstraintTests : IAsyncLifetime
{
    static readonly DateOnly Month = new(2026, 3, 1);
    LedgerDatabase _db = null!;
    long _giver;
    long _owner;
    long _thing;

    public async Task InitializeAsync()
    {
        _db = await LedgerDatabase.CreateAsync();
        _giver = await _db.AddUserAsync();
        _owner = await _db.AddUserAsync();
        _thing = await _db.AddThingAsync(_owner);
        await _db.ExecuteAsync("INSERT INTO months (month) VALUES ($1)", Month);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_click_on_ones_own_thing_is_refused() =>
        await AssertViolatesAsync("clicks_not_own_thing", "INSERT INTO clicks (giver_id, thing_id, month) VALUES ($1, $2, $3)", _owner, _thing, Month);

    [Fact]
    public async Task A_click_on_a_deleted_thing_is_refused()
    {
        var deleted = await _db.AddThingAsync(_owner, deleted: true);
        await AssertViolatesAsync("clicks_thing_active", "INSERT INTO clicks (giver_id, thing_id, month) VALUES ($1, $2, $3)", _giver, deleted, Month);
    }

    [Fact]
    public async Task A_second_click_on_the_same_thing_in_the_same_month_is_refused()
    {
        await _db.ExecuteAsync("INSERT INTO clicks (giver_id, thing_id, month) VALUES ($1, $2, $3)", _giver, _thing, Month);
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            _db.ExecuteAsync("INSERT INTO clicks (giver_id, thing_id, month) VALUES ($1, $2, $3)", _giver, _thing, Month));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    [Fact]
    public async Task A_click_by_an_unknown_user_is_refused()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            _db.ExecuteAsync("INSERT INTO clicks (giver_id, thing_id, month) VALUES ($1, $2, $3)", 999_999L, _thing, Month));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
    }

    [Fact]
    public async Task Clicks_in_a_month_that_is_not_open_or_not_known_are_refused()
    {
        await AssertViolatesAsync("clicks_month_open", "INSERT INTO clicks (giver_id, thing_id, month) VALUES ($1, $2, $3)",
            _giver, _thing, Month.AddMonths(1));
        await _db.ExecuteAsync("UPDATE months SET status = 'settling' WHERE month = $1", Month);
        await AssertViolatesAsync("clicks_month_open", "INSERT INTO clicks (giver_id, thing_id, month) VALUES ($1, $2, $3)", _giver, _thing, Month);
    }

    [Fact]
    public async Task A_click_of_a_month_that_is_not_open_cannot_be_withdrawn()
    {
        await _db.ExecuteAsync("INSERT INTO clicks (giver_id, thing_id, month) VALUES ($1, $2, $3)", _giver, _thing, Month);
        await _db.ExecuteAsync("UPDATE months SET status = 'settling' WHERE month = $1", Month);
        await AssertViolatesAsync("clicks_month_open", "DELETE FROM clicks WHERE giver_id = $1", _giver);
    }

    [Fact]
    public async Task A_click_is_never_updated()
    {
        await _db.ExecuteAsync("INSERT INTO clicks (giver_id, thing_id, month) VALUES ($1, $2, $3)", _giver, _thing, Month);
        await AssertViolatesAsync("clicks_immutable", "UPDATE clicks SET anonymous = true WHERE giver_id = $1", _giver);
    }

    [Fact]
    public async Task A_month_never_goes_back_and_is_never_deleted()
    {
        await _db.ExecuteAsync("UPDATE months SET status = 'settled' WHERE month = $1", Month);
        await AssertViolatesAsync("months_forward_only", "UPDATE months SET status = 'open' WHERE month = $1", Month);
        await AssertViolatesAsync("months_forward_only", "DELETE FROM months WHERE month = $1", Month);
    }

    [Fact]
    public async Task Two_months_cannot_be_settling_at_once()
    {
        await _db.ExecuteAsync("INSERT INTO months (month, status) VALUES ($1, 'settling')", Month.AddMonths(-1));
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            _db.ExecuteAsync("UPDATE months SET status = 'settling' WHERE month = $1", Month));
        Assert.Equal((PostgresErrorCodes.UniqueViolation, "months_one_settling"), (error.SqlState, error.ConstraintName));
    }

    [Fact]
    public async Task Every_user_has_exactly_one_account_from_the_start_and_system_accounts_are_seeded()
    {
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM users u WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = u.id)"));
        Assert.Equal(4L, await _db.ScalarAsync<long>("SELECT count(*) FROM accounts WHERE kind IN ('clearing', 'fees', 'charity', 'payouts')"));
    }

    [Fact]
    public async Task A_transaction_whose_entries_do_not_sum_to_zero_is_refused_and_leaves_no_trace()
    {
        await AssertViolatesAsync("ledger_transaction_balanced", """
            WITH t AS (INSERT INTO ledger_transactions (kind, idempotency_key) VALUES ('deposit', 'bad') RETURNING id)
            INSERT INTO ledger_entries (transaction_id, account_id, amount_cents)
            SELECT t.id, a.id, CASE a.kind WHEN 'clearing' THEN -1000 ELSE 999 END FROM t, accounts a
            WHERE a.kind = 'clearing' OR a.user_id = $1
            """, _giver);
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM ledger_transactions"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT coalesce(sum(abs(balance_cents)), 0)::bigint FROM accounts"));
    }

    [Fact]
    public async Task Entries_for_an_unknown_transaction_or_account_are_refused_as_foreign_key_violations_and_move_nothing()
    {
        var unknownTransaction = await Assert.ThrowsAsync<PostgresException>(() => _db.ExecuteAsync("""
            INSERT INTO ledger_entries (transaction_id, account_id, amount_cents)
            SELECT 987654321, a.id, CASE a.kind WHEN 'clearing' THEN -1000 ELSE 1000 END FROM accounts a
            WHERE a.kind = 'clearing' OR a.user_id = $1
            """, _giver));
        Assert.Equal((PostgresErrorCodes.ForeignKeyViolation, "ledger_entries_transaction_id_fkey"),
            (unknownTransaction.SqlState, unknownTransaction.ConstraintName));

        var unknownAccount = await Assert.ThrowsAsync<PostgresException>(() => _db.ExecuteAsync("""
            WITH t AS (INSERT INTO ledger_transactions (kind, idempotency_key) VALUES ('deposit', 'ghost') RETURNING id)
            INSERT INTO ledger_entries (transaction_id, account_id, amount_cents)
            SELECT t.id, a.id, -1000 FROM t, accounts a WHERE a.kind = 'clearing'
            UNION ALL SELECT t.id, 987654321, 1000 FROM t
            """));
        Assert.Equal((PostgresErrorCodes.ForeignKeyViolation, "ledger_entries_account_id_fkey"),
            (unknownAccount.SqlState, unknownAccount.ConstraintName));
        Assert.Contains("987654321", unknownAccount.MessageText, StringComparison.Ordinal);

        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM ledger_entries"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT coalesce(sum(abs(balance_cents)), 0)::bigint FROM accounts"));
    }

    [Fact]
    public async Task Ledger_rows_cannot_be_updated_deleted_or_truncated()
    {
        await PostBalancedDepositAsync(1_000);
        await AssertViolatesAsync("ledger_append_only", "UPDATE ledger_entries SET amount_cents = amount_cents * 2");
        await AssertViolatesAsync("ledger_append_only", "DELETE FROM ledger_entries");
        await AssertViolatesAsync("ledger_append_only", "DELETE FROM ledger_transactions");
        await AssertViolatesAsync("ledger_append_only", "TRUNCATE ledger_entries, ledger_transactions CASCADE");
        await AssertViolatesAsync("ledger_append_only", "UPDATE ledger_transactions SET idempotency_key = 'other'");
    }

    [Fact]
    public async Task A_balance_moves_only_through_ledger_entries()
    {
        await AssertViolatesAsync("accounts_guard", "UPDATE accounts SET balance_cents = 100 WHERE user_id = $1", _giver);
        await AssertViolatesAsync("accounts_guard", "DELETE FROM accounts WHERE user_id = $1", _giver);
        await PostBalancedDepositAsync(1_000);
        Assert.Equal(1_000L, await _db.ScalarAsync<long>("SELECT balance_cents FROM accounts WHERE user_id = $1", _giver));
    }

    [Fact]
    public async Task A_user_balance_cannot_go_below_zero()
    {
        await PostBalancedDepositAsync(1_000);
        await AssertViolatesAsync("accounts_user_balance_not_negative", """
            WITH t AS (INSERT INTO ledger_transactions (kind, idempotency_key) VALUES ('payout', 'too-much') RETURNING id)
            INSERT INTO ledger_entries (transaction_id, account_id, amount_cents)
            SELECT t.id, a.id, CASE a.kind WHEN 'payouts' THEN 1001 ELSE -1001 END FROM t, accounts a
            WHERE a.kind = 'payouts' OR a.user_id = $1
            """, _giver);
    }

    [Fact]
    public async Task Zero_amount_entries_and_reused_idempotency_keys_are_refused()
    {
        await AssertViolatesAsync("ledger_entries_amount_not_zero", """
            WITH t AS (INSERT INTO ledger_transactions (kind, idempotency_key) VALUES ('deposit', 'zero') RETURNING id)
            INSERT INTO ledger_entries (transaction_id, account_id, amount_cents)
            SELECT t.id, a.id, 0 FROM t, accounts a WHERE a.kind = 'clearing'
            """);
        await PostBalancedDepositAsync(1_000, "same-key");
        var error = await Assert.ThrowsAsync<PostgresException>(() => PostBalancedDepositAsync(1_000, "same-key"));
        Assert.Equal((PostgresErrorCodes.UniqueViolation, "ledger_transactions_idempotency_key"), (error.SqlState, error.ConstraintName));
    }

    [Fact]
    public async Task Deposits_are_unique_per_provider_key_and_append_only()
    {
        var transaction = await PostBalancedDepositAsync(1_000);
        await _db.ExecuteAsync("""
            INSERT INTO deposits (provider, provider_key, user_id, amount_cents, fee_cents, transaction_id) VALUES ('p', 'k', $1, 1000, 100, $2)
            """, _giver, transaction);
        var other = await PostBalancedDepositAsync(1_000, "another");
        var error = await Assert.ThrowsAsync<PostgresException>(() => _db.ExecuteAsync("""
            INSERT INTO deposits (provider, provider_key, user_id, amount_cents, fee_cents, transaction_id) VALUES ('p', 'k', $1, 1000, 100, $2)
            """, _giver, other));
        Assert.Equal((PostgresErrorCodes.UniqueViolation, "deposits_provider_key"), (error.SqlState, error.ConstraintName));
        await AssertViolatesAsync("ledger_append_only", "UPDATE deposits SET amount_cents = 1");
    }

    [Fact]
    public async Task A_payout_only_moves_from_requested_to_paid_or_failed()
    {
        var payout = await _db.ScalarAsync<long>(
            "INSERT INTO payouts (user_id, amount_cents, requested_at) VALUES ($1, 1000, now()) RETURNING id", _giver);
        await _db.ExecuteAsync("UPDATE payouts SET status = 'paid', completed_at = now() WHERE id = $1", payout);
        await AssertViolatesAsync("payouts_guard", "UPDATE payouts SET status = 'failed' WHERE id = $1", payout);
        await AssertViolatesAsync("payouts_guard", "DELETE FROM payouts WHERE id = $1", payout);
    }

    [Fact]
    public async Task A_settlement_plan_row_cannot_spend_more_than_the_budget_or_the_balance()
    {
        await _db.ExecuteAsync("""
            INSERT INTO settlement_runs (month, status, no_click_policy, givers, clicks, planned_spend_cents, planned_at)
            VALUES ($1, 'planning', 'charity', 0, 0, 0, now())
            """, Month);
        await AssertViolatesAsync("settlement_plan_spend_bounded", """
            INSERT INTO settlement_plan (month, giver_id, budget_cents, balance_cents, spend_cents, clicks_count) VALUES ($1, $2, 500, 300, 400, 1)
            """, Month, _giver);
    }

    async Task<long> PostBalancedDepositAsync(long amount, string? key = null) =>
        await _db.ScalarAsync<long>("""
            WITH t AS (INSERT INTO ledger_transactions (kind, idempotency_key, user_id) VALUES ('deposit', $3, $1) RETURNING id),
            e AS (
                INSERT INTO ledger_entries (transaction_id, account_id, amount_cents)
                SELECT t.id, a.id, CASE a.kind WHEN 'clearing' THEN -$2 ELSE $2 END FROM t, accounts a
                WHERE a.kind = 'clearing' OR a.user_id = $1
            )
            SELECT id FROM t
            """, _giver, amount, key ?? Guid.NewGuid().ToString());

    async Task AssertViolatesAsync(string constraint, string sql, params object[] parameters)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => _db.ExecuteAsync(sql, parameters));
        Assert.Equal(constraint, error.ConstraintName);
    }
}
