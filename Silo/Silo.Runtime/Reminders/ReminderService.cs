using Microsoft.Extensions.Logging;
using Silo.Reminders;
using Silo.Runtime.Diagnostics;
using Silo.Runtime.Timers;

namespace Silo.Runtime.Reminders;

/// <summary>
/// Keeps an in-process schedule of the durable reminders in the <see cref="IReminderTable"/>: loads it at start
/// (so reminders due during a restart fire), re-reads it every refresh interval, and applies registrations at once.
/// </summary>
sealed class ReminderService(Func<IReminderTable> table, IGrainFactory grainFactory, TimeProvider timeProvider, TimeSpan refreshInterval, ILogger logger)
    : IDisposable
{
    static readonly TimerCallback s_refresh = static state => _ = ((ReminderService)state!).RefreshAndLogAsync();

    readonly Dictionary<(GrainId, string), LocalReminder> _scheduled = [];
    readonly Lock _lock = new();
    readonly CancellationTokenSource _stopping = new();
    ITimer? _refreshTimer;
    IReminderTable? _table;

    public IGrainFactory GrainFactory { get; } = grainFactory;

    public ILogger Logger { get; } = logger;

    IReminderTable Table => _table ??= table();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        _refreshTimer = timeProvider.CreateUnflowed(s_refresh, this, refreshInterval, refreshInterval);
    }

    public Task StopAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Stop();
        _stopping.Dispose();
    }

    void Stop()
    {
        _refreshTimer?.Dispose();
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
        }

        lock (_lock)
        {
            foreach (var reminder in _scheduled.Values)
            {
                reminder.Stop();
            }

            _scheduled.Clear();
        }
    }

    /// <summary>Brings the local schedule in line with the table.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var readStarted = timeProvider.GetUtcNow();
        var entries = await Table.ReadAllAsync(cancellationToken);
        lock (_lock)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            var seen = new HashSet<(GrainId, string)>();
            foreach (var entry in entries)
            {
                seen.Add((entry.GrainId, entry.ReminderName));
                ScheduleLocked(entry);
            }

            foreach (var (key, reminder) in _scheduled.ToList())
            {
                // Only forget reminders that were known before this read began: newer ones may not be in what we read.
                if (!seen.Contains(key) && reminder.ScheduledAt < readStarted)
                {
                    reminder.Stop();
                    _scheduled.Remove(key);
                }
            }
        }
    }

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        if (period <= TimeSpan.Zero || period == Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A reminder's period must be positive and finite.");
        }

        var entry = new ReminderEntry(grainId, reminderName, timeProvider.GetUtcNow() + dueTime, period, ETag: null);
        var eTag = await Table.UpsertAsync(entry, cancellationToken);
        lock (_lock)
        {
            ScheduleLocked(entry with { ETag = eTag });
        }

        return new GrainReminder(reminderName, eTag);
    }

    public async Task UnregisterAsync(GrainId grainId, IGrainReminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var eTag = (reminder as GrainReminder)?.ETag;
        if (!await Table.RemoveAsync(grainId, reminder.ReminderName, eTag, cancellationToken)
            && await Table.ReadAsync(grainId, reminder.ReminderName, cancellationToken) is not null)
        {
            throw new InvalidOperationException(
                $"Reminder '{reminder.ReminderName}' of {grainId} was updated after this handle was obtained; get it again with GetReminder.");
        }

        lock (_lock)
        {
            if (_scheduled.Remove((grainId, reminder.ReminderName), out var scheduled))
            {
                scheduled.Stop();
            }
        }
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        await Table.ReadAsync(grainId, reminderName, cancellationToken) is { } entry ? new GrainReminder(entry.ReminderName, entry.ETag) : null;

    async Task RefreshAndLogAsync()
    {
        try
        {
            await RefreshAsync(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // The table may be briefly unreachable; the next refresh tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            SiloLog.ReminderRefreshFailed(Logger, e);
        }
    }

    void ScheduleLocked(ReminderEntry entry)
    {
        var key = (entry.GrainId, entry.ReminderName);
        if (_scheduled.TryGetValue(key, out var existing))
        {
            if (existing.Entry.ETag == entry.ETag)
            {
                return;
            }

            existing.Stop();
        }

        _scheduled[key] = new LocalReminder(this, entry, timeProvider);
    }
}
