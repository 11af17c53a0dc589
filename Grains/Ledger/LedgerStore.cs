using Flattr.Money;
using Flattr.Payouts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Flattr.Ledger;

/// <summary>
/// The money ledger outside settlement: verified deposits (exactly once per provider key), payouts and
/// their reversal, balances, each user's settled months and the audit. Every movement is one double-entry
/// transaction whose entries are inserted by one statement; the database posts balances and refuses
/// unbalanced transactions and overdrafts.
/// </summary>
public sealed class LedgerStore(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<MoneyRules> rules)
{
    readonly MoneyRules _rules = rules.Value;

    /// <summary>
    /// Credits a verified deposit: clearing -amount, fees +fee, user +(amount - fee). Idempotent by
    /// (provider, provider key): a retry returns the first result with <c>IsNew = false</c> and moves nothing;
    /// a retry with a different user or amount is a <c>conflict</c>.
    /// </summary>
    public async Task<DepositResult> DepositAsync(string provider, string providerKey, long userId, long amountCents,
        CancellationToken cancellationToken = default)
    {
        RequireProvider(provider, providerKey);
        MoneyValidation.RequireDepositInRange(amountCents, _rules);
        var fee = DepositFee.For(amountCents, _rules);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var existing = await FindDepositAsync(connection, provider, providerKey, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return SameDepositOrConflict(existing, userId, amountCents);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var userAccount = await UserAccountAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false)
            ?? throw new FlattrException(FlattrErrors.NotFound, $"User {userId} does not exist.");
        var now = clock.GetUtcNow();

        await using var claim = new NpgsqlCommand("""
            INSERT INTO ledger_transactions (kind, idempotency_key, user_id, created_at) VALUES ('deposit', $1, $2, $3)
            ON CONFLICT (idempotency_key) DO NOTHING RETURNING id
            """, connection, transaction);
        claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"deposit:{provider}:{providerKey}" });
        claim.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        if (await claim.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long transactionId)
        {
            // A concurrent delivery of the same webhook won the key; answer with its result.
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            var winner = await FindDepositAsync(connection, provider, providerKey, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Deposit key {provider}:{providerKey} is claimed but has no deposit row.");
            return SameDepositOrConflict(winner, userId, amountCents);
        }

        var systemAccounts = await SystemAccountIdsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var entries = new List<(long Account, long Amount)>
        {
            (systemAccounts.Clearing, -amountCents),
            (userAccount, amountCents - fee),
        };
        if (fee > 0)
        {
            entries.Add((systemAccounts.Fees, fee));
        }

        await InsertEntriesAsync(connection, transaction, transactionId, entries, cancellationToken).ConfigureAwait(false);

        await using var record = new NpgsqlCommand("""
            INSERT INTO deposits (provider, provider_key, user_id, amount_cents, fee_cents, transaction_id, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """, connection, transaction);
        record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = provider });
        record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = providerKey });
        record.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        record.Parameters.Add(new NpgsqlParameter<long> { TypedValue = amountCents });
        record.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fee });
        record.Parameters.Add(new NpgsqlParameter<long> { TypedValue = transactionId });
        record.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        var depositId = (long)(await record.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DepositResult(depositId, transactionId, provider, providerKey, userId, amountCents, fee, now, IsNew: true);
    }

    /// <summary>What Flattr owes the user, in cents.</summary>
    public async Task<long> GetBalanceAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT balance_cents FROM accounts WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?
            ?? throw new FlattrException(FlattrErrors.NotFound, $"User {userId} does not exist.");
    }

    public async Task<SystemBalances> GetSystemBalancesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT kind, balance_cents FROM accounts WHERE kind <> 'user'");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var balances = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            balances[reader.GetString(0)] = reader.GetInt64(1);
        }

        return new SystemBalances(balances["clearing"], balances["fees"], balances["charity"], balances["payouts"]);
    }

    /// <summary>
    /// Moves <paramref name="amountCents"/> from the user's balance to the payouts account (status requested).
    /// Refused below the minimum (<c>invalid_parameters</c>), above the balance (<c>insufficient_funds</c>) and
    /// while a month is settling (<c>conflict</c>: the settlement's balance snapshot must hold).
    /// </summary>
    public async Task<Payout> RequestPayoutAsync(long userId, long amountCents, CancellationToken cancellationToken = default)
    {
        MoneyValidation.RequirePayoutAtLeastMinimum(amountCents, _rules);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var gate = new NpgsqlCommand("""
            SELECT pg_advisory_xact_lock_shared($1), EXISTS (SELECT 1 FROM months WHERE status = 'settling')
            """, connection, transaction))
        {
            gate.Parameters.Add(new NpgsqlParameter<long> { TypedValue = AdvisoryLocks.SettlementGate });
            await using var reader = await gate.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (reader.GetBoolean(1))
            {
                throw new FlattrException(FlattrErrors.Conflict, "A month is being settled; payouts resume when it is done.");
            }
        }

        long userAccount, balance;
        await using (var lockAccount = new NpgsqlCommand(
            "SELECT id, balance_cents FROM accounts WHERE user_id = $1 FOR NO KEY UPDATE", connection, transaction))
        {
            lockAccount.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
            await using var reader = await lockAccount.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new FlattrException(FlattrErrors.NotFound, $"User {userId} does not exist.");
            }

            (userAccount, balance) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        if (amountCents > balance)
        {
            throw new FlattrException(FlattrErrors.InsufficientFunds,
                $"A payout of {MoneyValidation.Euros(amountCents)} exceeds the balance of {MoneyValidation.Euros(balance)}.");
        }

        var now = clock.GetUtcNow();
        await using var request = new NpgsqlCommand("""
            WITH payout AS (
                INSERT INTO payouts (user_id, amount_cents, requested_at) VALUES ($1, $2, $4) RETURNING id
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
        request.Parameters.Add(new NpgsqlParameter<long> { TypedValue = amountCents });
        request.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userAccount });
        request.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        var payoutId = (long)(await request.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        PayoutMetrics.Count(PayoutStatus.Requested, amountCents);
        return new Payout(payoutId, userId, amountCents, PayoutStatus.Requested, null, now, null);
    }

    /// <summary>
    /// Records the provider's answer to a requested or sent payout. Paid: status only. Failed: a reversing transaction returns the money.
    /// Repeating the same answer returns the payout unchanged; a contradicting one is a <c>conflict</c>.
    /// </summary>
    public async Task<Payout> CompletePayoutAsync(long payoutId, bool paid, string? failureReason = null,
        CancellationToken cancellationToken = default)
    {
        if (failureReason is { Length: > 500 })
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "A payout failure reason is at most 500 characters.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var payout = await ReadPayoutAsync(connection, transaction, payoutId, forUpdate: true, cancellationToken).ConfigureAwait(false)
            ?? throw new FlattrException(FlattrErrors.NotFound, $"Payout {payoutId} does not exist.");
        var wanted = paid ? PayoutStatus.Paid : PayoutStatus.Failed;
        if (payout.Status == wanted)
        {
            return payout;
        }

        if (payout.Status is not (PayoutStatus.Requested or PayoutStatus.Sent))
        {
            throw new FlattrException(FlattrErrors.Conflict, $"Payout {payoutId} is already {payout.Status.ToString().ToLowerInvariant()}.");
        }

        var now = clock.GetUtcNow();
        await using (var update = new NpgsqlCommand(
            "UPDATE payouts SET status = $2, failure_reason = $3, completed_at = $4 WHERE id = $1", connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = payoutId });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = paid ? "paid" : "failed" });
            update.Parameters.Add(new NpgsqlParameter { Value = paid ? DBNull.Value : (object?)failureReason ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!paid)
        {
            await using var reverse = new NpgsqlCommand("""
                WITH tx AS (
                    INSERT INTO ledger_transactions (kind, idempotency_key, user_id, created_at)
                    VALUES ('payout_reversal', 'payout:' || $1 || ':reversal', $2, $4) RETURNING id
                )
                INSERT INTO ledger_entries (transaction_id, account_id, amount_cents)
                SELECT tx.id, e.account_id, e.amount_cents FROM tx,
                    (VALUES ((SELECT id FROM accounts WHERE kind = 'payouts'), -$3),
                            ((SELECT id FROM accounts WHERE user_id = $2), $3)) AS e(account_id, amount_cents)
                """, connection, transaction);
            reverse.Parameters.Add(new NpgsqlParameter<long> { TypedValue = payoutId });
            reverse.Parameters.Add(new NpgsqlParameter<long> { TypedValue = payout.UserId });
            reverse.Parameters.Add(new NpgsqlParameter<long> { TypedValue = payout.AmountCents });
            reverse.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            await reverse.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        PayoutMetrics.Count(wanted, payout.AmountCents);
        return payout with { Status = wanted, FailureReason = paid ? null : failureReason, CompletedAt = now };
    }

    public async Task<Payout> GetPayoutAsync(long payoutId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadPayoutAsync(connection, null, payoutId, forUpdate: false, cancellationToken).ConfigureAwait(false)
            ?? throw new FlattrException(FlattrErrors.NotFound, $"Payout {payoutId} does not exist.");
    }

    /// <summary>The giver's settled month, from the ledger (not_found for an unknown user).</summary>
    public async Task<GiverLedgerMonth> GetGiverMonthAsync(long giverId, Month month, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await RequireUserAsync(connection, giverId, cancellationToken).ConfigureAwait(false);
        var settled = await IsSettledAsync(connection, month, cancellationToken).ConfigureAwait(false);

        await using var command = new NpgsqlCommand("""
            SELECT t.kind, e.thing_id, a.kind, a.user_id, e.amount_cents
            FROM ledger_transactions t
            JOIN ledger_entries e ON e.transaction_id = t.id
            JOIN accounts a ON a.id = e.account_id
            WHERE t.user_id = $1 AND t.month = $2 AND t.kind IN ('settlement', 'charity') AND e.amount_cents > 0
            ORDER BY e.thing_id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = giverId });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var shares = new List<GiverShare>();
        long charity = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reader.GetString(2) == "charity")
            {
                charity += reader.GetInt64(4);
            }
            else
            {
                shares.Add(new GiverShare(reader.GetInt64(1), reader.GetInt64(3), reader.GetInt64(4)));
            }
        }

        return new GiverLedgerMonth(giverId, month, settled, shares.Sum(s => s.AmountCents) + charity, charity, shares);
    }

    /// <summary>The creator's income in a settled month per thing, from the ledger (not_found for an unknown user).</summary>
    public async Task<CreatorLedgerMonth> GetCreatorMonthAsync(long creatorId, Month month, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await RequireUserAsync(connection, creatorId, cancellationToken).ConfigureAwait(false);
        var settled = await IsSettledAsync(connection, month, cancellationToken).ConfigureAwait(false);

        await using var command = new NpgsqlCommand("""
            SELECT e.thing_id, sum(e.amount_cents)::bigint, count(*)::int
            FROM accounts a
            JOIN ledger_entries e ON e.account_id = a.id
            JOIN ledger_transactions t ON t.id = e.transaction_id
            WHERE a.user_id = $1 AND t.kind = 'settlement' AND t.month = $2 AND e.thing_id IS NOT NULL
            GROUP BY e.thing_id ORDER BY e.thing_id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = creatorId });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var things = new List<ThingIncome>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            things.Add(new ThingIncome(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2)));
        }

        return new CreatorLedgerMonth(creatorId, month, settled, things.Sum(t => t.AmountCents), things);
    }

    /// <summary>Checks the whole ledger from one snapshot (see <see cref="LedgerAudit"/>).</summary>
    public async Task<LedgerAudit> AuditAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken)
            .ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            WITH per_transaction AS (
                SELECT t.id, coalesce(sum(e.amount_cents), 0) AS total, count(e.id) AS entries
                FROM ledger_transactions t LEFT JOIN ledger_entries e ON e.transaction_id = t.id
                GROUP BY t.id
            ), per_account AS (
                SELECT account_id, sum(amount_cents) AS total FROM ledger_entries GROUP BY account_id
            )
            SELECT
                (SELECT count(*) FROM per_transaction),
                (SELECT count(*) FROM per_transaction WHERE total <> 0 OR entries < 2),
                (SELECT count(*) FROM accounts),
                (SELECT count(*) FROM accounts a LEFT JOIN per_account p ON p.account_id = a.id
                 WHERE a.balance_cents <> coalesce(p.total, 0)),
                (SELECT count(*) FROM ledger_entries),
                (SELECT coalesce(sum(balance_cents), 0)::bigint FROM accounts)
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new LedgerAudit(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
            reader.GetInt64(5));
    }

    static void RequireProvider(string provider, string providerKey)
    {
        if (string.IsNullOrEmpty(provider) || provider.Length > 40 || !provider.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.' or '-'))
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "A payment provider name is 1 to 40 lower-case letters, digits, '_', '.' or '-'.");
        }

        if (string.IsNullOrEmpty(providerKey) || providerKey.Length > 200)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "A provider key is 1 to 200 characters.");
        }
    }

    static DepositResult SameDepositOrConflict(DepositResult existing, long userId, long amountCents) =>
        existing.UserId == userId && existing.AmountCents == amountCents
            ? existing
            : throw new FlattrException(FlattrErrors.Conflict,
                $"Deposit {existing.Provider}:{existing.ProviderKey} was already recorded for user {existing.UserId} " +
                $"and {MoneyValidation.Euros(existing.AmountCents)}; a retry must carry the same user and amount.");

    static async Task<DepositResult?> FindDepositAsync(NpgsqlConnection connection, string provider, string providerKey,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT id, transaction_id, user_id, amount_cents, fee_cents, created_at FROM deposits WHERE provider = $1 AND provider_key = $2
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = provider });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = providerKey });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new DepositResult(reader.GetInt64(0), reader.GetInt64(1), provider, providerKey, reader.GetInt64(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetFieldValue<DateTimeOffset>(5), IsNew: false)
            : null;
    }

    static async Task<long?> UserAccountAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long userId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id FROM accounts WHERE user_id = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = userId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    static async Task RequireUserAsync(NpgsqlConnection connection, long userId, CancellationToken cancellationToken)
    {
        if (await UserAccountAsync(connection, null, userId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new FlattrException(FlattrErrors.NotFound, $"User {userId} does not exist.");
        }
    }

    static async Task<bool> IsSettledAsync(NpgsqlConnection connection, Month month, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM months WHERE month = $1 AND status = 'settled')", connection);
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    static async Task<(long Clearing, long Fees)> SystemAccountIdsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT id FROM accounts WHERE kind = 'clearing'), (SELECT id FROM accounts WHERE kind = 'fees')
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    // All of a transaction's entries in ONE statement: the posting trigger checks each statement balances.
    static async Task InsertEntriesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long transactionId,
        IReadOnlyList<(long Account, long Amount)> entries, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO ledger_entries (transaction_id, account_id, amount_cents)
            SELECT $1, a, x FROM unnest($2::bigint[], $3::bigint[]) AS e(a, x)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = transactionId });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = entries.Select(e => e.Account).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = entries.Select(e => e.Amount).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    static async Task<Payout?> ReadPayoutAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long payoutId, bool forUpdate,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id, user_id, amount_cents, status, failure_reason, requested_at, completed_at FROM payouts WHERE id = $1"
            + (forUpdate ? " FOR UPDATE" : ""), connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = payoutId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new Payout(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), Payout.ParseStatus(reader.GetString(3)),
            reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));
    }
}
