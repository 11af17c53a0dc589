using Microsoft.Extensions.Logging;
using Silo.Runtime.Activation;
using Silo.Runtime.Diagnostics;
using Silo.Timers;

namespace Silo.Runtime.Timers;

/// <summary>
/// A grain timer. Each tick is queued to the activation and runs as a turn of its own; the next tick is only armed
/// once the callback has finished, so ticks never overlap. Dies with the activation.
/// </summary>
sealed class GrainTimer : IGrainTimer
{
    static readonly TimerCallback s_fire = static state => ((GrainTimer)state!).Fire();

    readonly ActivationData _activation;
    readonly Func<CancellationToken, Task> _callback;
    readonly GrainTimerCreationOptions _options;
    readonly ILogger _logger;
    readonly ITimer _timer;
    readonly CancellationTokenSource _stopped = new();
    readonly Lock _lock = new();

    // Guarded by _lock.
    TimeSpan _period;
    TimeSpan? _dueAfterTick;
    bool _tickPending;
    bool _disposed;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options, TimeProvider timeProvider, ILogger logger)
    {
        Validate(options.DueTime, options.Period);
        _activation = activation;
        _callback = callback;
        _options = options;
        _logger = logger;
        _timer = timeProvider.CreateUnflowed(s_fire, this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Start(TimeSpan dueTime, TimeSpan period) => Change(dueTime, period);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, period);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _period = period;
            if (_tickPending)
            {
                // Changed from inside a tick (or while one waits): applies once that tick is done.
                _dueAfterTick = dueTime;
                return;
            }
        }

        _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        Stop();
        _activation.RemoveTimer(this);
    }

    /// <summary>Stops ticking and cancels the token handed to a running tick.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _timer.Dispose();
        _stopped.Cancel();
    }

    /// <summary>Runs inside the activation's turn.</summary>
    public async Task RunTickAsync()
    {
        try
        {
            if (!_stopped.IsCancellationRequested)
            {
                await _callback(_stopped.Token);
            }
        }
#pragma warning disable CA1031 // As in Orleans, a failing tick is logged and the timer keeps going.
        catch (Exception e)
#pragma warning restore CA1031
        {
            SiloLog.TimerTickFailed(_logger, e, _activation.GrainId);
        }
        finally
        {
            ArmNext();
        }
    }

    public void TickDropped()
    {
        lock (_lock)
        {
            _tickPending = false;
        }
    }

    void Fire()
    {
        lock (_lock)
        {
            if (_disposed || _tickPending)
            {
                return;
            }

            _tickPending = true;
        }

        if (!_activation.TryEnqueue(new TimerTick(this, _options.Interleave, _options.KeepAlive)))
        {
            TickDropped();
        }
    }

    void ArmNext()
    {
        TimeSpan due;
        lock (_lock)
        {
            _tickPending = false;
            if (_disposed)
            {
                return;
            }

            due = _dueAfterTick ?? _period;
            _dueAfterTick = null;
        }

        if (due != Timeout.InfiniteTimeSpan)
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    static void Validate(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A timer's due time must be zero or more, or infinite.");
        }

        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A timer's period must be positive, or infinite for one tick.");
        }
    }
}
