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

    /// <summary>
    /// Moves to <paramref name="target"/>, firing the timers due by then in the order of the times they fire at (ties in the
    /// order they were armed), the clock set to each one's time. A periodic timer fires once per advance, however many of
    /// its periods the advance skips: at the last of its due times up to the target, then it keeps its period from there.
    /// </summary>
    public void AdvanceTo(DateTimeOffset target)
    {
        while (true)
        {
            ManualTimer? next = null;
            var nextAt = default(DateTimeOffset);
            lock (Lock)
            {
                if (target < _now)
                {
                    throw new ArgumentOutOfRangeException(nameof(target), $"The clock is at {_now:O}; it never goes back (asked {target:O}).");
                }

                foreach (var timer in _armed)
                {
                    if (timer.Due > target)
                    {
                        continue;
                    }

                    var at = FiresAt(timer, target);
                    if (next is null || (at, timer.Sequence).CompareTo((nextAt, next.Sequence)) < 0)
                    {
                        next = timer;
                        nextAt = at;
                    }
                }

                if (next is null)
                {
                    _now = target;
                    return;
                }

                if (nextAt > _now)
                {
                    _now = nextAt;
                }

                Spend(next, nextAt);
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

            Spend(timer, timer.Due);
        }

        timer.Fire();
    }

    /// <summary>
    /// When a timer due by <paramref name="target"/> fires: at its due time, or for a periodic timer whose later periods
    /// also end by the target, at the last of them. Real timers do not replay the periods a clock jump skipped; nor does
    /// this clock (moving 16 days would otherwise run a 5-second timer 276,480 times).
    /// </summary>
    static DateTimeOffset FiresAt(ManualTimer timer, DateTimeOffset target)
    {
        if (timer.Period <= TimeSpan.Zero)
        {
            return timer.Due;
        }

        var skipped = (target - timer.Due).Ticks / timer.Period.Ticks;
        return timer.Due + TimeSpan.FromTicks(skipped * timer.Period.Ticks);
    }

    /// <summary>
    /// Re-arms a periodic timer one period after <paramref name="firedAt"/>, disarms a one-shot one. Called under the lock,
    /// before the callback.
    /// </summary>
    void Spend(ManualTimer timer, DateTimeOffset firedAt)
    {
        if (timer.Period > TimeSpan.Zero)
        {
            timer.Due = firedAt + timer.Period;
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
