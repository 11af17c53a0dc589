namespace Silo.Testing.Time;

/// <summary>The time and the armed timers shared by a <see cref="ManualTimeProvider"/> and the providers linked to it.</summary>
sealed class ManualClock(DateTimeOffset start)
{
    readonly List<ManualTimer> _armed = [];
    DateTimeOffset _now = start;
    long _sequence;

    public Lock Lock { get; } = new();

    public DateTimeOffset Now
    {
        get
        {
            lock (Lock)
            {
                return _now;
            }
        }
    }

    public int ArmedCount
    {
        get
        {
            lock (Lock)
            {
                return _armed.Count;
            }
        }
    }

    public void AdvanceTo(DateTimeOffset target)
    {
        while (true)
        {
            ManualTimer? next = null;
            lock (Lock)
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

    public bool Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        ValidatePeriod(dueTime, nameof(dueTime));
        ValidatePeriod(period, nameof(period));
        long sequence;
        lock (Lock)
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

    public void Remove(ManualTimer timer)
    {
        lock (Lock)
        {
            timer.IsDisposed = true;
            _armed.Remove(timer);
        }
    }

    void FireIfStillDue(ManualTimer timer, long sequence)
    {
        lock (Lock)
        {
            if (timer.Sequence != sequence || timer.Due > _now || !_armed.Contains(timer))
            {
                return; // changed, disposed or already fired by AdvanceTo since
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
