namespace Silo.Testing.Time;

/// <summary>
/// A clock that moves only when the test says so. Timers created through it (grain timers, reminders, idle collection,
/// <c>Task.Delay(delay, timeProvider)</c>) fire when <see cref="Advance"/> moves the clock past their due time: in due-time
/// order, on the calling thread, with the clock set to each timer's due time while its callback runs. A timer due
/// immediately (due time zero) fires at once on the thread pool, as a real timer would.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    /// <summary>Mid-month, so that tests near a month's end must say so explicitly.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    readonly Lock _lock = new();
    readonly List<ManualTimer> _armed = [];
    DateTimeOffset _now;
    long _sequence;

    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    public ManualTimeProvider(DateTimeOffset start) => _now = start.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers that will fire at some due time (disposed and spent one-shot timers are not counted).</summary>
    public int ArmedTimerCount
    {
        get
        {
            lock (_lock)
            {
                return _armed.Count;
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        AdvanceTo(GetUtcNow() + delta);
    }

    /// <summary>Moves the clock forward to <paramref name="target"/>, firing every timer that falls due on the way.</summary>
    public void AdvanceTo(DateTimeOffset target)
    {
        target = target.ToUniversalTime();
        while (true)
        {
            ManualTimer? next = null;
            lock (_lock)
            {
                if (target < _now)
                {
                    throw new ArgumentOutOfRangeException(nameof(target), $"The clock is at {_now:O}; it never goes back (asked {target:O}).");
                }

                foreach (var timer in _armed)
                {
                    if (timer.Due <= target && (next is null || (timer.Due, timer.Sequence).CompareTo((next.Due, next.Sequence)) < 0))
                    {
                        next = timer;
                    }
                }

                if (next is null)
                {
                    _now = target;
                    return;
                }

                if (next.Due > _now)
                {
                    _now = next.Due;
                }

                Spend(next);
            }

            next.Fire();
        }
    }

    internal bool Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        ValidatePeriod(dueTime, nameof(dueTime));
        ValidatePeriod(period, nameof(period));
        long sequence;
        lock (_lock)
        {
            if (timer.IsDisposed)
            {
                return false;
            }

            _armed.Remove(timer);
            timer.Period = period;
            timer.Sequence = sequence = ++_sequence;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            timer.Due = _now + dueTime;
            _armed.Add(timer);
        }

        if (dueTime == TimeSpan.Zero)
        {
            ThreadPool.QueueUserWorkItem(_ => FireIfStillDue(timer, sequence));
        }

        return true;
    }

    internal void Remove(ManualTimer timer)
    {
        lock (_lock)
        {
            timer.IsDisposed = true;
            _armed.Remove(timer);
        }
    }

    void FireIfStillDue(ManualTimer timer, long sequence)
    {
        lock (_lock)
        {
            if (timer.Sequence != sequence || timer.Due > _now || !_armed.Contains(timer))
            {
                return; // changed, disposed or already fired by Advance since
            }

            Spend(timer);
        }

        timer.Fire();
    }

    /// <summary>Re-arms a periodic timer one period later, disarms a one-shot one. Called under the lock, before the callback.</summary>
    void Spend(ManualTimer timer)
    {
        if (timer.Period > TimeSpan.Zero)
        {
            timer.Due += timer.Period;
            timer.Sequence = ++_sequence;
        }
        else
        {
            _armed.Remove(timer);
        }
    }

    static void ValidatePeriod(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be zero or more, or Timeout.InfiniteTimeSpan.");
        }
    }
}
