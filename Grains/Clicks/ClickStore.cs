using Flattr.Wallets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Flattr.Clicks;

/// <summary>
/// The durable click store. Callers enqueue clicks and withdrawals and await their outcome; one background writer
/// (<see cref="ClickWriter"/>) drains up to <see cref="MaxBatchSize"/> of them into one statement per kind and ONE commit
/// (group commit), so each click is durable before its task completes while hundreds of concurrent clicks share a WAL
/// flush. One writer, on purpose: two or four writers, each with its share of the things, made smaller batches that cost
/// PostgreSQL more per click and measured slower on two cores. A failed batch fails all its waiters with
/// <see cref="ClickBatchFailedException"/>.
/// <see cref="StopAsync"/> drains what is queued, then stops.
/// </summary>
public sealed class ClickStore : IAsyncDisposable
{
    public const int MaxBatchSize = 256;

    readonly NpgsqlDataSource _dataSource;
    readonly TimeProvider _clock;
    readonly ClickWriter _writer;

    public ClickStore(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ClickStore> logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        _dataSource = dataSource;
        _clock = clock;
        _writer = new ClickWriter(dataSource, clock, logger);
        _writer.Start();
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
    public Task<ClickWriteResult> WithdrawAsync(long giverId, long thingId, Month month, CancellationToken cancellationToken = default)
    {
        RequireWritableMonth(month);
        return EnqueueAsync(new PendingClick(ClickOperation.Withdraw, new ClickKey(giverId, thingId, month), false, ClickSource.Button),
            cancellationToken);
    }

    public Task<IReadOnlyList<ClickRow>> ListForGiverAsync(long giverId, Month month, CancellationToken cancellationToken = default) =>
        ReadClicksAsync(ClickSql.ListForGiver, giverId, month, cancellationToken);

    public Task<IReadOnlyList<ClickRow>> ListForThingAsync(long thingId, Month month, CancellationToken cancellationToken = default) =>
        ReadClicksAsync(ClickSql.ListForThing, thingId, month, cancellationToken);

    /// <summary>The thing's durable count for every month it was clicked in, oldest first.</summary>
    public async Task<IReadOnlyList<ThingMonthCount>> CountsForThingAsync(long thingId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(ClickSql.CountsForThing);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = thingId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new List<ThingMonthCount>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new ThingMonthCount(reader.GetInt64(0), Month.Of(reader.GetFieldValue<DateOnly>(1)), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return counts;
    }

    /// <summary>Stops accepting writes, writes everything already queued, then returns.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _writer.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    void RequireWritableMonth(Month month)
    {
        var current = Month.Current(_clock);
        if (month > current)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, $"Month {month} has not begun.");
        }

        if (month < current.Previous())
        {
            throw new FlattrException(FlattrErrors.MonthClosed, $"Month {month} is closed for clicks.");
        }
    }

    Task<ClickWriteResult> EnqueueAsync(PendingClick pending, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_writer.TryEnqueue(pending))
        {
            throw new ObjectDisposedException(nameof(ClickStore), "The click store is stopped and accepts no more clicks.");
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    async Task<IReadOnlyList<ClickRow>> ReadClicksAsync(string sql, long id, Month month, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = month.FirstDay });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ClickRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ClickRow(reader.GetInt64(0), reader.GetInt64(1), Month.Of(reader.GetFieldValue<DateOnly>(2)),
                ClickSql.ParseSource(reader.GetString(3)), reader.GetBoolean(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return rows;
    }
}
