using Flattr.Clicks;
using Flattr.Wallets;
using Npgsql;

namespace Flattr.Subscriptions;

/// <summary>
/// Subscriptions: a standing click on a thing for 3, 6 or 12 months or until cancelled, one row per giver and thing (the
/// table's unique constraint). The current month's click is written through the <see cref="ClickStore"/> at subscribe (and
/// resume) time; the clicks of later months are materialised by <see cref="MaterialiseMonthAsync"/> (settlement planning
/// calls the same SQL).
/// </summary>
public sealed class SubscriptionStore(NpgsqlDataSource dataSource, TimeProvider clock, ClickStore clicks)
{
    const string Columns = "id, giver_id, thing_id, start_month, months, cancelled_at, created_at, started_at, paused_at";

    /// <summary>
    /// Makes the giver's subscription to the thing run from the current month: a new one, a paused one resumed (with its own
    /// term: <paramref name="months"/> is then ignored), or an ended one started afresh. Refused for an unknown giver or thing
    /// (<c>not_found</c>), a deleted thing (<c>thing_inactive</c>), one's own thing (<c>flattr_owner</c>), a length other than
    /// 3, 6, 12 or null (<c>invalid_parameters</c>) and a subscription already running (<c>conflict</c>). Before a paused or
    /// ended row moves its start forward, the clicks it still owes open past months are written.
    /// </summary>
    public async Task<SubscriptionResult> SubscribeAsync(long giverId, long thingId, int? months, CancellationToken cancellationToken = default)
    {
        if (months is not (null or 3 or 6 or 12))
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "A subscription runs for 3, 6 or 12 months, or until cancelled.");
        }

        var now = clock.GetUtcNow();
        var current = Month.Of(now);
        Subscription subscription;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using (var check = new NpgsqlCommand("""
                SELECT pg_advisory_xact_lock(hashtextextended('subscription:' || $1 || ':' || $2, 0)),
                       EXISTS (SELECT 1 FROM users WHERE id = $1),
                       (SELECT owner_id FROM things WHERE id = $2),
                       (SELECT status FROM things WHERE id = $2)
                """, connection, transaction))
            {
                check.Parameters.Add(new NpgsqlParameter<long> { TypedValue = giverId });
                check.Parameters.Add(new NpgsqlParameter<long> { TypedValue = thingId });
                await using var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (!reader.GetBoolean(1))
                {
                    throw new FlattrException(FlattrErrors.NotFound, $"User {giverId} does not exist.");
                }

                if (reader.IsDBNull(2))
                {
                    throw new FlattrException(FlattrErrors.NotFound, $"Thing {thingId} does not exist.");
                }

                if (reader.GetString(3) != "active")
                {
                    throw new FlattrException(FlattrErrors.ThingInactive, $"Thing {thingId} is deleted.");
                }

                if (reader.GetInt64(2) == giverId)
                {
                    throw new FlattrException(FlattrErrors.FlattrOwner, "You cannot subscribe to your own thing.");
                }
            }

            var existing = await FindAsync(connection, transaction, giverId, thingId, cancellationToken).ConfigureAwait(false);
            NpgsqlCommand write;
            if (existing is null)
            {
                write = new NpgsqlCommand($"""
                    INSERT INTO subscriptions (giver_id, thing_id, start_month, months, created_at, started_at) VALUES ($1, $2, $3, $4, $5, $5)
                    RETURNING {Columns}
                    """, connection, transaction);
            }
            else if (existing.StateIn(current) == SubscriptionState.Running)
            {
                throw new FlattrException(FlattrErrors.Conflict, $"User {giverId} already subscribes to thing {thingId}.");
            }
            else
            {
                await CatchUpAsync(connection, transaction, giverId, thingId, Month.Of(existing.StartedAt), current, now, cancellationToken)
                    .ConfigureAwait(false);
                write = existing.StateIn(current) == SubscriptionState.Paused
                    ? new NpgsqlCommand($"""
                        UPDATE subscriptions SET started_at = $5, paused_at = NULL WHERE giver_id = $1 AND thing_id = $2
                        RETURNING {Columns}
                        """, connection, transaction)
                    : new NpgsqlCommand($"""
                        UPDATE subscriptions
                        SET start_month = $3, months = $4, created_at = $5, started_at = $5, paused_at = NULL, cancelled_at = NULL
                        WHERE giver_id = $1 AND thing_id = $2
                        RETURNING {Columns}
                        """, connection, transaction);
            }

            await using (write)
            {
                write.Parameters.Add(new NpgsqlParameter<long> { TypedValue = giverId });
                write.Parameters.Add(new NpgsqlParameter<long> { TypedValue = thingId });
                write.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = current.FirstDay });
                write.Parameters.Add(new NpgsqlParameter { Value = (object?)months ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
                write.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
                subscription = (await ReadAllAsync(write, cancellationToken).ConfigureAwait(false))[0];
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var click = await clicks.AddAsync(new ClickWrite(giverId, thingId, current, Anonymous: false, ClickSource.Subscription), cancellationToken)
            .ConfigureAwait(false);
        return new SubscriptionResult(subscription, click);
    }

    /// <summary>
    /// Pauses the giver's running subscription to the thing: the current month keeps its click, later months get none until it
    /// is resumed. <c>not_found</c> when none runs.
    /// </summary>
    public async Task<Subscription> PauseAsync(long giverId, long thingId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand($"""
            UPDATE subscriptions SET paused_at = $3
            WHERE giver_id = $1 AND thing_id = $2 AND paused_at IS NULL AND cancelled_at IS NULL
              AND (months IS NULL OR $4 < (start_month + make_interval(months => months))::date)
            RETURNING {Columns}
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = giverId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = thingId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = Month.Of(now).FirstDay });
        var rows = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0
            ? rows[0]
            : throw new FlattrException(FlattrErrors.NotFound, $"User {giverId} has no running subscription to thing {thingId}.");
    }

    /// <summary>Cancels the giver's subscription, running or paused (idempotent); the current month still counts.</summary>
    public async Task<Subscription> CancelAsync(long giverId, long subscriptionId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH cancelled AS (
                UPDATE subscriptions SET cancelled_at = $3 WHERE id = $1 AND giver_id = $2 AND cancelled_at IS NULL RETURNING {Columns}
            )
            SELECT {Columns} FROM cancelled
            UNION ALL
            SELECT {Columns} FROM subscriptions WHERE id = $1 AND giver_id = $2 AND cancelled_at IS NOT NULL
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = subscriptionId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = giverId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        var rows = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0
            ? rows[0]
            : throw new FlattrException(FlattrErrors.NotFound, $"User {giverId} has no subscription {subscriptionId}.");
    }

    public async Task<IReadOnlyList<Subscription>> ListForGiverAsync(long giverId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM subscriptions WHERE giver_id = $1 ORDER BY id");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = giverId });
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the subscription clicks of an open month (e.g. when it begins, so creators see them live) and
    /// returns how many were added. A month that is settling or settled is left alone (returns 0).
    /// </summary>
    public async Task<int> MaterialiseMonthAsync(Month month, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var open = new NpgsqlCommand("""
            INSERT INTO months (month) VALUES ($1) ON CONFLICT DO NOTHING;
            """, connection, transaction))
        {
            open.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
            await open.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var lockMonth = new NpgsqlCommand("SELECT status = 'open' FROM months WHERE month = $1 FOR SHARE", connection, transaction))
        {
            lockMonth.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
            if (await lockMonth.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                return 0;
            }
        }

        await using var materialise = new NpgsqlCommand(SubscriptionSql.MaterialiseMonth, connection, transaction);
        materialise.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
        materialise.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        var added = (int)(await materialise.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    static async Task<Subscription?> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long giverId, long thingId, CancellationToken cancellationToken)
    {
        await using var find = new NpgsqlCommand(
            $"SELECT {Columns} FROM subscriptions WHERE giver_id = $1 AND thing_id = $2 FOR UPDATE", connection, transaction);
        find.Parameters.Add(new NpgsqlParameter<long> { TypedValue = giverId });
        find.Parameters.Add(new NpgsqlParameter<long> { TypedValue = thingId });
        return (await ReadAllAsync(find, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>
    /// Writes the clicks the subscription owes the months from <paramref name="from"/> (the month it last started) to before
    /// <paramref name="current"/> that are not settled yet, under its stored state. A month after the last closed one may have
    /// no row yet (nothing opened it: its settlement will); it gets its row, as that settlement would give it. The open months
    /// are locked FOR SHARE, so a settlement cannot close one (and plan it without these clicks) before commit.
    /// </summary>
    static async Task CatchUpAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long giverId, long thingId, Month from,
        Month current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (from >= current)
        {
            return;
        }

        await using (var missing = new NpgsqlCommand("""
            INSERT INTO months (month)
            SELECT m::date FROM generate_series($1::date, $2::date - interval '1 month', interval '1 month') AS m
            WHERE m::date > coalesce((SELECT max(month) FROM months WHERE status <> 'open'), '-infinity'::date)
            ORDER BY 1
            ON CONFLICT DO NOTHING
            """, connection, transaction))
        {
            missing.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = from.FirstDay });
            missing.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = current.FirstDay });
            await missing.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var open = new List<DateOnly>();
        await using (var months = new NpgsqlCommand(
            "SELECT month FROM months WHERE status = 'open' AND month >= $1 AND month < $2 ORDER BY month FOR SHARE", connection, transaction))
        {
            months.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = from.FirstDay });
            months.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = current.FirstDay });
            await using var reader = await months.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                open.Add(reader.GetFieldValue<DateOnly>(0));
            }
        }

        if (open.Count == 0)
        {
            return;
        }

        await using var catchUp = new NpgsqlCommand(SubscriptionSql.CatchUp, connection, transaction);
        catchUp.Parameters.Add(new NpgsqlParameter<long> { TypedValue = giverId });
        catchUp.Parameters.Add(new NpgsqlParameter<long> { TypedValue = thingId });
        catchUp.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. open] });
        catchUp.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        await catchUp.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    static async Task<List<Subscription>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<Subscription>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new Subscription(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), Month.Of(reader.GetFieldValue<DateOnly>(3)),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return rows;
    }
}
