using System.Diagnostics;
using System.Threading.Channels;
using Flattr.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Flattr.Clicks;

/// <summary>
/// One group-commit writer: a queue and one loop that drains up to <see cref="ClickStore.MaxBatchSize"/> queued writes into
/// one statement per kind and ONE commit, so each click is durable before its task completes while hundreds of clicks share
/// a WAL flush. A failed batch fails all its waiters with <see cref="ClickBatchFailedException"/>.
/// </summary>
internal sealed partial class ClickWriter(NpgsqlDataSource dataSource, TimeProvider clock, ILogger logger)
{
    readonly HashSet<Month> _monthsKnownToExist = [];
    readonly Channel<PendingClick> _queue = Channel.CreateUnbounded<PendingClick>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    Task? _loop;

    static readonly TimeSpan IdleRelease = TimeSpan.FromSeconds(1);

    // Kept from one batch to the next while clicks keep coming: one warm backend with the statement's plan cached, instead
    // of whichever pooled connection is idle (each with a cold plan cache). Back to the pool after a second without work,
    // so an idle writer does not sit on a connection that a restarted server may have cut; dropped after any failure.
    NpgsqlConnection? _connection;

    public void Start() => _loop = Task.Run(WriteLoopAsync);

    public bool TryEnqueue(PendingClick pending) => _queue.Writer.TryWrite(pending);

    /// <summary>Stops accepting writes, writes everything already queued, then returns.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return _loop?.WaitAsync(cancellationToken) ?? Task.CompletedTask;
    }

    async Task WriteLoopAsync()
    {
        try
        {
            await WriteUntilStoppedAsync().ConfigureAwait(false);
        }
        finally
        {
            await ReleaseConnectionAsync().ConfigureAwait(false);
        }
    }

    async Task WriteUntilStoppedAsync()
    {
        var reader = _queue.Reader;
        var batch = new ClickBatch();
        PendingClick? carried = null;
        while (carried is not null || await WaitForWorkAsync(reader).ConfigureAwait(false))
        {
            batch.Clear();
            if (carried is not null)
            {
                batch.TryAdd(carried);
                carried = null;
            }

            while (batch.Count < ClickStore.MaxBatchSize && reader.TryRead(out var next))
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

    /// <summary>Waits for the next write; a writer idle for a second gives its connection back to the pool meanwhile.</summary>
    async ValueTask<bool> WaitForWorkAsync(ChannelReader<PendingClick> reader)
    {
        if (reader.TryPeek(out _) || _connection is null)
        {
            return await reader.WaitToReadAsync().ConfigureAwait(false);
        }

        var next = reader.WaitToReadAsync().AsTask();
        if (await Task.WhenAny(next, Task.Delay(IdleRelease)).ConfigureAwait(false) != next)
        {
            await ReleaseConnectionAsync().ConfigureAwait(false);
        }

        return await next.ConfigureAwait(false);
    }

    async Task WriteBatchAsync(ClickBatch batch)
    {
        FlattrInstruments.ClickBatchSize.Record(batch.Count);
        using var activity = ClickBatchTrace.Start(batch);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var newMonths = batch.Months.Where(m => !_monthsKnownToExist.Contains(m)).ToArray();
            var connection = _connection ??= await dataSource.OpenConnectionAsync().ConfigureAwait(false);
            await using (var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false))
            {
                var now = clock.GetUtcNow();
                if (newMonths.Length > 0)
                {
                    await using var ensure = new NpgsqlCommand(ClickSql.EnsureMonths, connection, transaction);
                    ensure.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. newMonths.Select(m => m.FirstDay)] });
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

            FlattrInstruments.ClickCommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            _monthsKnownToExist.UnionWith(newMonths);
        }
        catch (Exception exception)
        {
            await ReleaseConnectionAsync().ConfigureAwait(false);
            LogBatchFailed(logger, exception, batch.Count);
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            var failure = new ClickBatchFailedException(batch.Count, exception);
            foreach (var pending in batch.All)
            {
                pending.Completion.TrySetException(failure);
            }

            return;
        }

        batch.CompleteAll();
    }

    async Task ReleaseConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A broken connection may fail to close; it is gone either way (the pool discards broken ones).
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    static async Task RunAddsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingClick> adds, DateTimeOffset now)
    {
        await using var command = new NpgsqlCommand(ClickSql.Add, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = adds.Select(a => a.Key.GiverId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = adds.Select(a => a.Key.ThingId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = adds.Select(a => a.Key.Month.FirstDay).ToArray() });
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
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = withdrawals.Select(w => w.Key.Month.FirstDay).ToArray() });
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
                : new ThingMonthCount(pending.Key.ThingId, Month.Of(reader.GetFieldValue<DateOnly>(2)), reader.GetInt64(3), reader.GetInt64(4));
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
