using Flattr.Ledger;
using Flattr.Money;
using Flattr.Subscriptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Flattr.Settlement;

/// <summary>
/// Settles a month. <see cref="PlanAsync"/> closes the month for clicks, materialises subscription clicks and
/// snapshots each giver's spend = min(budget, balance) in one transaction. <see cref="RunAsync"/> then
/// settles givers in batches (ordered by giver id, one transaction each): splits each spend among the
/// giver's clicked things by largest remainder, writes one ledger transaction per giver keyed
/// settle:yyyy-MM:giver (or charity:yyyy-MM:giver for a budget with no clicks) and marks the givers done.
/// A crashed run resumes from the snapshot and produces the same ledger; a settled month is left alone.
/// </summary>
public sealed partial class SettlementEngine(
    NpgsqlDataSource dataSource,
    TimeProvider clock,
    IOptions<MoneyRules> rules,
    IOptions<SettlementOptions> options,
    ILogger<SettlementEngine> logger)
{
    /// <summary>Fault-injection seam for tests: called after each batch commits.</summary>
    internal Func<SettlementBatchCommitted, CancellationToken, Task>? BetweenBatches { get; set; }

    /// <summary>Fault-injection seam for tests: called inside each batch's transaction with its backend process id.</summary>
    internal Func<int, CancellationToken, Task>? InsideBatch { get; set; }

    /// <summary>
    /// Plans the settlement of an ended month (idempotent: an existing plan is returned unchanged). Refused
    /// for a month not yet over (<c>invalid_parameters</c>) or while another month is settling (<c>conflict</c>).
    /// </summary>
    public async Task<SettlementProgress> PlanAsync(Month month, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (month >= Month.Of(now))
        {
            throw new FlattrException(FlattrErrors.InvalidParameters,
                $"Month {month} has not ended; it can be settled from {month.Next()} on.");
        }

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            var planned = await PlanInTransactionAsync(connection, transaction, month, now, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (planned)
            {
                LogPlanned(logger, month.ToString());
            }
        }

        return await GetProgressAsync(month, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Plans the month if needed, then settles every remaining giver batch by batch and marks the month
    /// settled. Safe to call again after a crash or on a settled month.
    /// </summary>
    public async Task<SettlementProgress> RunAsync(Month month, IProgress<SettlementProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var state = await PlanAsync(month, cancellationToken).ConfigureAwait(false);
        progress?.Report(state);
        var batchNumber = 0;
        while (state.Status != SettlementStatus.Done)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await SettleNextBatchAsync(month, batchNumber + 1, cancellationToken).ConfigureAwait(false);
            if (batch is null)
            {
                state = await GetProgressAsync(month, cancellationToken).ConfigureAwait(false);
                LogSettled(logger, month.ToString(), state.GiversDone, state.SettledSpendCents);
                Flattr.Diagnostics.FlattrInstruments.SettlementMonths.Add(1);
                progress?.Report(state);
                break;
            }

            batchNumber++;
            Flattr.Diagnostics.FlattrInstruments.SettlementBatches.Add(1);
            Flattr.Diagnostics.FlattrInstruments.SettlementGivers.Add(batch.Value.Committed.Givers);
            state = state with
            {
                Status = SettlementStatus.Running,
                GiversDone = state.GiversDone + batch.Value.Committed.Givers,
                SettledSpendCents = state.SettledSpendCents + batch.Value.SpendCents,
            };
            LogBatch(logger, month.ToString(), batchNumber, state.GiversDone, state.Givers);
            progress?.Report(state);
            if (BetweenBatches is { } hook)
            {
                await hook(batch.Value.Committed, cancellationToken).ConfigureAwait(false);
            }
        }

        return state;
    }

    public async Task<SettlementProgress> GetProgressAsync(Month month, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT r.status, r.givers, r.clicks, r.planned_spend_cents, r.planned_at, r.started_at, r.finished_at,
                   (SELECT count(*)::int FROM settlement_plan p WHERE p.month = r.month AND p.done),
                   (SELECT coalesce(sum(p.spend_cents), 0)::bigint FROM settlement_plan p WHERE p.month = r.month AND p.done)
            FROM settlement_runs r WHERE r.month = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return new SettlementProgress(month, SettlementStatus.NotPlanned, 0, 0, 0, 0, 0, null, null, null);
        }

        var status = reader.GetString(0) switch
        {
            "done" => SettlementStatus.Done,
            "running" => SettlementStatus.Running,
            _ => SettlementStatus.Planned,
        };
        return new SettlementProgress(month, status, reader.GetInt32(1), reader.GetInt32(7), reader.GetInt64(2), reader.GetInt64(3),
            reader.GetInt64(8), reader.GetFieldValue<DateTimeOffset>(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));
    }

    async Task<bool> PlanInTransactionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Month month,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Exclusive gate: no payout is in flight while balances are snapshot (payouts take it shared).
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock($1)", cancellationToken, AdvisoryLocks.SettlementGate)
            .ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "INSERT INTO months (month) VALUES ($1) ON CONFLICT DO NOTHING", cancellationToken, month.FirstDay)
            .ConfigureAwait(false);

        // FOR UPDATE waits for every click batch holding the month FOR SHARE; later batches see it closed.
        string monthStatus;
        bool runExists;
        await using (var lockMonth = new NpgsqlCommand("""
            SELECT m.status, EXISTS (SELECT 1 FROM settlement_runs r WHERE r.month = m.month) FROM months m WHERE m.month = $1 FOR UPDATE
            """, connection, transaction))
        {
            lockMonth.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
            await using var reader = await lockMonth.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (monthStatus, runExists) = (reader.GetString(0), reader.GetBoolean(1));
        }

        if (runExists)
        {
            return false;
        }

        if (monthStatus != "open")
        {
            throw new InvalidOperationException($"Month {month} is {monthStatus} but has no settlement run.");
        }

        await using (var other = new NpgsqlCommand("SELECT to_char(min(month), 'YYYY-MM') FROM months WHERE status = 'settling'", connection, transaction))
        {
            if (await other.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string settling)
            {
                throw new FlattrException(FlattrErrors.Conflict, $"Month {settling} is still settling; settle it first.");
            }
        }

        // Subscription clicks are written while the month is still open (the click triggers require it).
        await ExecuteAsync(connection, transaction, SubscriptionSql.MaterialiseMonth, cancellationToken, month.FirstDay, now).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "UPDATE months SET status = 'settling', changed_at = $2 WHERE month = $1",
            cancellationToken, month.FirstDay, now).ConfigureAwait(false);

        var policy = rules.Value.NoClickPolicy == NoClickPolicy.Rollover ? "rollover" : "charity";
        await ExecuteAsync(connection, transaction, """
            INSERT INTO settlement_runs (month, status, no_click_policy, givers, clicks, planned_spend_cents, planned_at)
            VALUES ($1, 'planning', $2, 0, 0, 0, $3)
            """, cancellationToken, month.FirstDay, policy, now).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, """
            WITH budget AS (
                SELECT DISTINCT ON (user_id) user_id, amount_cents FROM budgets WHERE effective_month <= $1
                ORDER BY user_id, effective_month DESC
            ), clicked AS (
                SELECT giver_id, count(*)::int AS n FROM clicks WHERE month = $1 GROUP BY giver_id
            ), givers AS (
                SELECT coalesce(b.user_id, c.giver_id) AS giver_id, coalesce(b.amount_cents, 0) AS budget, coalesce(c.n, 0) AS n
                FROM budget b FULL JOIN clicked c ON c.giver_id = b.user_id
                WHERE coalesce(b.amount_cents, 0) > 0 OR c.n > 0
            )
            INSERT INTO settlement_plan (month, giver_id, budget_cents, balance_cents, spend_cents, clicks_count)
            SELECT $1, g.giver_id, g.budget, a.balance_cents,
                   CASE WHEN g.n = 0 AND $2 = 'rollover' THEN 0 ELSE least(g.budget, a.balance_cents) END, g.n
            FROM givers g JOIN accounts a ON a.user_id = g.giver_id
            ORDER BY g.giver_id
            """, cancellationToken, month.FirstDay, policy).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, """
            UPDATE settlement_runs r SET givers = p.givers, clicks = p.clicks, planned_spend_cents = p.spend
            FROM (SELECT count(*) AS givers, coalesce(sum(clicks_count), 0) AS clicks, coalesce(sum(spend_cents), 0) AS spend
                  FROM settlement_plan WHERE month = $1) p
            WHERE r.month = $1
            """, cancellationToken, month.FirstDay).ConfigureAwait(false);
        return true;
    }

    async Task<(SettlementBatchCommitted Committed, long SpendCents)?> SettleNextBatchAsync(Month month, int batchNumber,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // One writer per month: a second run waits here, then continues with what is left.
        string runStatus, policy;
        await using (var lockRun = new NpgsqlCommand(
            "SELECT status, no_click_policy FROM settlement_runs WHERE month = $1 FOR UPDATE", connection, transaction))
        {
            lockRun.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
            await using var reader = await lockRun.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"Month {month} has no settlement plan.");
            }

            (runStatus, policy) = (reader.GetString(0), reader.GetString(1));
        }

        if (runStatus == "done")
        {
            return null;
        }

        if (runStatus == "planning")
        {
            await ExecuteAsync(connection, transaction, "UPDATE settlement_runs SET status = 'running', started_at = $2 WHERE month = $1",
                cancellationToken, month.FirstDay, now).ConfigureAwait(false);
        }

        var givers = await ReadPendingGiversAsync(connection, transaction, month, cancellationToken).ConfigureAwait(false);
        if (givers.Count == 0)
        {
            await FinishAsync(connection, transaction, month, now, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }

        var clicksByGiver = await ReadClicksAsync(connection, transaction, month, givers, cancellationToken).ConfigureAwait(false);
        var postings = BuildPostings(month, givers, clicksByGiver, policy,
            await CharityAccountAsync(connection, transaction, cancellationToken).ConfigureAwait(false));
        var transactionIds = await InsertTransactionsAsync(connection, transaction, month, now, postings, cancellationToken).ConfigureAwait(false);

        if (InsideBatch is { } inside)
        {
            await inside(connection.ProcessID, cancellationToken).ConfigureAwait(false);
        }

        await InsertEntriesAsync(connection, transaction, postings, transactionIds, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "UPDATE settlement_plan SET done = true WHERE month = $1 AND giver_id = ANY($2)",
            cancellationToken, month.FirstDay, givers.Select(g => g.GiverId).ToArray()).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        return (new SettlementBatchCommitted(month, batchNumber, givers.Count, givers[0].GiverId, givers[^1].GiverId),
            givers.Sum(g => g.SpendCents));
    }

    async Task<List<PlannedGiver>> ReadPendingGiversAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Month month,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT p.giver_id, p.spend_cents, p.clicks_count, a.id
            FROM settlement_plan p JOIN accounts a ON a.user_id = p.giver_id
            WHERE p.month = $1 AND NOT p.done
            ORDER BY p.giver_id
            LIMIT $2
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(1, options.Value.GiversPerBatch) });
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var givers = new List<PlannedGiver>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            givers.Add(new PlannedGiver(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetInt64(3)));
        }

        return givers;
    }

    static async Task<Dictionary<long, List<(long ThingId, long OwnerAccountId)>>> ReadClicksAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, Month month, List<PlannedGiver> givers, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, List<(long, long)>>();
        var spending = givers.Where(g => g.SpendCents > 0 && g.ClicksCount > 0).Select(g => g.GiverId).ToArray();
        if (spending.Length == 0)
        {
            return result;
        }

        await using var command = new NpgsqlCommand("""
            SELECT c.giver_id, c.thing_id, oa.id
            FROM clicks c
            JOIN things t ON t.id = c.thing_id
            JOIN accounts oa ON oa.user_id = coalesce(
                (SELECT tc.previous_owner_id FROM thing_claims tc
                 WHERE tc.thing_id = c.thing_id AND tc.claimed_at >= $3 ORDER BY tc.claimed_at, tc.id LIMIT 1),
                t.owner_id)
            WHERE c.month = $1 AND c.giver_id = ANY($2)
            ORDER BY c.giver_id, c.thing_id
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = spending });

        // A thing claimed after the month ended pays that month to whoever owned it then: the previous owner of the first
        // claim after the month's end (thing_claims), else its owner now.
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = month.End });
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var giver = reader.GetInt64(0);
            if (!result.TryGetValue(giver, out var things))
            {
                result[giver] = things = [];
            }

            things.Add((reader.GetInt64(1), reader.GetInt64(2)));
        }

        return result;
    }

    static async Task<long> CharityAccountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id FROM accounts WHERE kind = 'charity'", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    static List<GiverPosting> BuildPostings(Month month, List<PlannedGiver> givers,
        Dictionary<long, List<(long ThingId, long OwnerAccountId)>> clicksByGiver, string policy, long charityAccount)
    {
        var monthText = month.ToString();
        var postings = new List<GiverPosting>(givers.Count);
        foreach (var giver in givers)
        {
            if (giver.SpendCents == 0)
            {
                continue;
            }

            if (giver.ClicksCount == 0)
            {
                if (policy == "charity")
                {
                    postings.Add(new GiverPosting($"charity:{monthText}:{giver.GiverId}", "charity", giver.GiverId,
                        [new(giver.AccountId, -giver.SpendCents, null), new(charityAccount, giver.SpendCents, null)]));
                }

                continue;
            }

            var things = clicksByGiver.GetValueOrDefault(giver.GiverId) ?? [];
            if (things.Count != giver.ClicksCount)
            {
                throw new InvalidOperationException(
                    $"Giver {giver.GiverId} had {giver.ClicksCount} clicks in {monthText} when planned but has {things.Count} now; " +
                    "the month's clicks must not change while it settles.");
            }

            var ownerAccounts = things.ToDictionary(t => t.ThingId, t => t.OwnerAccountId);
            var entries = new List<Posting>(things.Count + 1) { new(giver.AccountId, -giver.SpendCents, null) };
            foreach (var share in ShareSplitter.Split(giver.SpendCents, things.Select(t => t.ThingId).ToArray()))
            {
                if (share.AmountCents > 0)
                {
                    entries.Add(new Posting(ownerAccounts[share.ThingId], share.AmountCents, share.ThingId));
                }
            }

            postings.Add(new GiverPosting($"settle:{monthText}:{giver.GiverId}", "settlement", giver.GiverId, entries));
        }

        return postings;
    }

    // ON CONFLICT DO NOTHING on the idempotency key: a transaction already written is never written twice.
    static async Task<Dictionary<string, long>> InsertTransactionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Month month, DateTimeOffset now, List<GiverPosting> postings, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, long>(postings.Count, StringComparer.Ordinal);
        if (postings.Count == 0)
        {
            return ids;
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO ledger_transactions (kind, idempotency_key, month, user_id, created_at)
            SELECT kind, key, $3, user_id, $4 FROM unnest($1::text[], $2::text[], $5::bigint[]) AS x(key, kind, user_id)
            ORDER BY key
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING idempotency_key, id
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = postings.Select(p => p.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = postings.Select(p => p.Kind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = postings.Select(p => p.GiverId).ToArray() });
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids[reader.GetString(0)] = reader.GetInt64(1);
        }

        return ids;
    }

    // Binary COPY into an unindexed staging table, then one INSERT ... SELECT: the posting trigger checks
    // every transaction of the statement balances and moves all the batch's balances at once.
    static async Task InsertEntriesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<GiverPosting> postings,
        Dictionary<string, long> transactionIds, CancellationToken cancellationToken)
    {
        if (transactionIds.Count == 0)
        {
            return;
        }

        await ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE settlement_staging (
                transaction_id bigint NOT NULL, account_id bigint NOT NULL, amount_cents bigint NOT NULL, thing_id bigint NULL
            ) ON COMMIT DROP
            """, cancellationToken).ConfigureAwait(false);
        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY settlement_staging (transaction_id, account_id, amount_cents, thing_id) FROM STDIN (FORMAT BINARY)", cancellationToken)
            .ConfigureAwait(false))
        {
            foreach (var posting in postings)
            {
                if (!transactionIds.TryGetValue(posting.Key, out var transactionId))
                {
                    continue;
                }

                foreach (var entry in posting.Entries)
                {
                    await import.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(transactionId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(entry.AccountId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(entry.AmountCents, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    if (entry.ThingId is { } thingId)
                    {
                        await import.WriteAsync(thingId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await import.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, """
            INSERT INTO ledger_entries (transaction_id, account_id, amount_cents, thing_id)
            SELECT transaction_id, account_id, amount_cents, thing_id FROM settlement_staging
            """, cancellationToken).ConfigureAwait(false);
    }

    // The last check before the month is declared settled: what left the givers is what the plan fixed.
    static async Task FinishAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Month month, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using (var check = new NpgsqlCommand("""
            SELECT (SELECT coalesce(sum(spend_cents), 0)::bigint FROM settlement_plan WHERE month = $1),
                   (SELECT coalesce(-sum(e.amount_cents), 0)::bigint
                    FROM ledger_transactions t
                    JOIN ledger_entries e ON e.transaction_id = t.id
                    JOIN accounts a ON a.id = e.account_id AND a.user_id = t.user_id
                    WHERE t.month = $1 AND t.kind IN ('settlement', 'charity'))
            """, connection, transaction))
        {
            check.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
            await using var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var (planned, debited) = (reader.GetInt64(0), reader.GetInt64(1));
            if (planned != debited)
            {
                throw new InvalidOperationException(
                    $"Settlement of {month} planned {planned} cents of spend but the ledger debits {debited}; not marking it settled.");
            }
        }

        await ExecuteAsync(connection, transaction, "UPDATE settlement_runs SET status = 'done', finished_at = $2 WHERE month = $1",
            cancellationToken, month.FirstDay, now).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "UPDATE months SET status = 'settled', changed_at = $2 WHERE month = $1",
            cancellationToken, month.FirstDay, now).ConfigureAwait(false);
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken,
        params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Settlement of {Month} planned")]
    static partial void LogPlanned(ILogger logger, string month);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Settlement of {Month}: batch {Batch} committed, {Done}/{Givers} givers settled")]
    static partial void LogBatch(ILogger logger, string month, int batch, int done, int givers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Settlement of {Month} done: {Givers} givers, {SpentCents} cents")]
    static partial void LogSettled(ILogger logger, string month, int givers, long spentCents);

    sealed record PlannedGiver(long GiverId, long SpendCents, int ClicksCount, long AccountId);

    sealed record GiverPosting(string Key, string Kind, long GiverId, List<Posting> Entries);

    readonly record struct Posting(long AccountId, long AmountCents, long? ThingId);
}
