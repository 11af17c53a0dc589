using System.Threading.Channels;
using Flattr.Money;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Flattr.Clicks;

/// <summary>
/// The durable click store. Callers enqueue clicks and withdrawals and await their outcome; one background
/// writer drains up to <see cref="MaxBatchSize"/> of them into one statement per kind and ONE commit
/// (group commit), so each click is durable before its task completes while thousands of concurrent
/// clicks share a WAL flush. A failed batch fails all its waiters with <see cref="ClickBatchFailedException"/>.
/// <see cref="StopAsync"/> drains what is queued, then stops.
/// </summary>
public sealed partial class ClickStore : IAsyncDisposable
{
    public const int MaxBatchSize = 256;

    readonly NpgsqlDataSource _dataSource;
    readonly TimeProvider _clock;
    readonly ILogger<ClickStore> _logger;
    readonly Channel<PendingClick> _queue = Channel.CreateUnbounded<PendingClick>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    readonly HashSet<DateOnly> _monthsKnownToExist = [];
    readonly Task _writer;

    public ClickStore(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ClickStore> logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        _dataSource = dataSource;
        _clock = clock;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>
    /// Records a click for the current or the previous month (the grace period before settlement). The task
    /// completes once the click's batch has committed. Cancelling only abandons the wait.
    /// </summary>
    public Task<ClickWriteResult> AddAsync(ClickWrite click, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(click);
        RequireWritableMonth(click.Month);
        return EnqueueAsync(new PendingClick(ClickOperation.Add, new ClickKey(click.GiverId, click.ThingId, click.Month),
            click.Anonymous, click.Source), cancellationToken);
    }

    /// <summary>Withdraws a click of a month that is not yet settling (deletes it, logs the withdrawal).</summary>
    public Task<ClickWriteResult> WithdrawAsync(long giverId, long thingId, DateOnly month, CancellationToken cancellationToken = default)
    {
        RequireWritableMonth(month);
        return EnqueueAsync(new PendingClick(ClickOperation.Withdraw, new ClickKey(giverId, thingId, month), false, ClickSource.Click),
            cancellationToken);
    }

    public async Task<IReadOnlyList<ClickRow>> ListForGiverAsync(long giverId, DateOnly month, CancellationToken cancellationToken = default)
    {
        Months.Require(month);
        return await ReadClicksAsync(ClickSql.ListForGiver, giverId, month, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ClickRow>> ListForThingAsync(long thingId, DateOnly month, CancellationToken cancellationToken = default)
    {
        Months.Require(month);
        return await ReadClicksAsync(ClickSql.ListForThing, thingId, month, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The thing's durable count for every month it was clicked in, oldest first.</summary>
    public async Task<IReadOnlyList<ThingMonthCount>> CountsForThingAsync(long thingId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(ClickSql.CountsForThing);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = thingId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new List<ThingMonthCount>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new ThingMonthCount(reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return counts;
    }

    /// <summary>Stops accepting writes, writes everything already queued, then returns.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        _queue.Writer.TryComplete();
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    void RequireWritableMonth(DateOnly month)
    {
        Months.Require(month);
        var current = Months.Current(_clock);
        if (month > current)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, $"Month {Months.Format(month)} has not begun.");
        }

        if (month < Months.Previous(current))
        {
            throw new FlattrException(FlattrErrors.MonthClosed, $"Month {Months.Format(month)} is closed for clicks.");
        }
    }

    Task<ClickWriteResult> EnqueueAsync(PendingClick pending, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(ClickStore), "The click store is stopped and accepts no more clicks.");
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    async Task<IReadOnlyList<ClickRow>> ReadClicksAsync(string sql, long id, DateOnly month, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ClickRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ClickRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<DateOnly>(2),
                ClickSql.ParseSource(reader.GetString(3)), reader.GetBoolean(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return rows;
    }

    async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new ClickBatch();
        PendingClick? carried = null;
        while (carried is not null || await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            if (carried is not null)
            {
                batch.TryAdd(carried);
                carried = null;
            }

            while (batch.Count < MaxBatchSize && reader.TryRead(out var next))
            {
                if (!batch.TryAdd(next))
                {
                    // The same click is added and withdrawn: the later one goes first in the next batch.
                    carried = next;
                    break;
                }
            }

            await WriteBatchAsync(batch).ConfigureAwait(false);
        }
    }

    async Task WriteBatchAsync(ClickBatch batch)
    {
        try
        {
            var newMonths = batch.Months.Where(m => !_monthsKnownToExist.Contains(m)).ToArray();
            await using (var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false))
            await using (var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false))
            {
                var now = _clock.GetUtcNow();
                if (newMonths.Length > 0)
                {
                    await using var ensure = new NpgsqlCommand(ClickSql.EnsureMonths, connection, transaction);
                    ensure.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = newMonths });
                    await ensure.ExecuteNonQueryAsync().ConfigureAwait(false);
                }

                if (batch.Adds.Count > 0)
                {
                    await RunAddsAsync(connection, transaction, batch.Adds, now).ConfigureAwait(false);
                }

                if (batch.Withdrawals.Count > 0)
                {
                    await RunWithdrawalsAsync(connection, transaction, batch.Withdrawals, now).ConfigureAwait(false);
                }

                await transaction.CommitAsync().ConfigureAwait(false);
            }

            _monthsKnownToExist.UnionWith(newMonths);
        }
        catch (Exception exception)
        {
            LogBatchFailed(_logger, exception, batch.Count);
            var failure = new ClickBatchFailedException(batch.Count, exception);
            foreach (var pending in batch.All)
            {
                pending.Completion.TrySetException(failure);
            }

            return;
        }

        batch.CompleteAll();
    }

    static async Task RunAddsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingClick> adds, DateTimeOffset now)
    {
        await using var command = new NpgsqlCommand(ClickSql.Add, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = adds.Select(a => a.Key.GiverId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = adds.Select(a => a.Key.ThingId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = adds.Select(a => a.Key.Month).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = adds.Select(a => a.Anonymous).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = adds.Select(a => ClickSql.SourceText(a.Source)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        await command.PrepareAsync().ConfigureAwait(false);
        await ReadVerdictsAsync(command, adds).ConfigureAwait(false);
    }

    static async Task RunWithdrawalsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingClick> withdrawals, DateTimeOffset now)
    {
        await using var command = new NpgsqlCommand(ClickSql.Withdraw, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = withdrawals.Select(w => w.Key.GiverId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = withdrawals.Select(w => w.Key.ThingId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = withdrawals.Select(w => w.Key.Month).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        await command.PrepareAsync().ConfigureAwait(false);
        await ReadVerdictsAsync(command, withdrawals).ConfigureAwait(false);
    }

    // Results are staged on each pending write and only published after COMMIT.
    static async Task ReadVerdictsAsync(NpgsqlCommand command, List<PendingClick> writes)
    {
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var seen = 0;
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var pending = writes[(int)reader.GetInt64(0) - 1];
            var status = ClickSql.ParseVerdict(reader.GetString(1));
            var count = reader.IsDBNull(2)
                ? null
                : new ThingMonthCount(pending.Key.ThingId, reader.GetFieldValue<DateOnly>(2), reader.GetInt64(3), reader.GetInt64(4));
            pending.Result = new ClickWriteResult(status, count)
            {
                Thing = status == ClickWriteStatus.Added && reader.FieldCount > 5 && !reader.IsDBNull(5)
                    ? new ClickedThing(pending.Key.ThingId, reader.GetInt64(5), reader.GetString(6), reader.GetString(7))
                    : null,
            };
            seen++;
        }

        if (seen != writes.Count)
        {
            throw new InvalidOperationException($"The click statement returned {seen} verdicts for {writes.Count} writes.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A click batch of {BatchSize} writes failed and was rolled back")]
    static partial void LogBatchFailed(ILogger logger, Exception exception, int batchSize);
}
