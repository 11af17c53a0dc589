namespace Silo.Testing.Time;

/// <summary>
/// A clock that moves only when the test says so. Timers created through it (grain timers, reminders, idle collection,
/// response timeouts, <c>Task.Delay(delay, timeProvider)</c>) fire when <see cref="Advance"/> moves the clock past their
/// due time: in due-time order, on the calling thread, with the clock set to each timer's due time while its callback
/// runs. As a real timer's, a callback runs without the caller's synchronization context and in the execution context
/// of the timer's creator (an empty one when the creator suppressed its flow), not the caller's. A timer due immediately
/// (due time zero) fires at once on the thread pool, as a real timer would.
/// </summary>
/// <remarks>
/// Work a callback starts asynchronously (a grain call made by a reminder tick) may still be running when
/// <see cref="Advance"/> returns: observe its effect, don't assume it.
/// </remarks>
public sealed class ManualTimeProvider : TimeProvider
{
    /// <summary>Mid-month, so that tests near a month's end must say so explicitly.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    readonly ManualClock _clock;
    readonly HashSet<ManualTimer> _created = [];

    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    public ManualTimeProvider(DateTimeOffset start)
        : this(new ManualClock(start.ToUniversalTime()))
    {
    }

    ManualTimeProvider(ManualClock clock) => _clock = clock;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers of this clock (from any linked provider) that will fire at some due time.</summary>
    public int ArmedTimerCount => _clock.ArmedCount;

    public override DateTimeOffset GetUtcNow() => _clock.Now;

    public override long GetTimestamp() => _clock.Now.UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(_clock, this, callback, state);
        lock (_created)
        {
            _created.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        _clock.AdvanceTo(_clock.Now + delta);
    }

    /// <summary>Moves the clock forward to <paramref name="target"/>, firing every timer that falls due on the way.</summary>
    public void AdvanceTo(DateTimeOffset target) => _clock.AdvanceTo(target.ToUniversalTime());

    /// <summary>
    /// A provider on the same clock whose own timers <see cref="CancelTimers"/> can kill together: give one to each
    /// simulated process, and cancel its timers when the process "crashes".
    /// </summary>
    public ManualTimeProvider CreateLinked() => new(_clock);

    /// <summary>Disposes every timer created through this provider (not through linked ones): none of them fires again.</summary>
    public void CancelTimers()
    {
        List<ManualTimer> timers;
        lock (_created)
        {
            timers = [.. _created];
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    internal void Forget(ManualTimer timer)
    {
        lock (_created)
        {
            _created.Remove(timer);
        }
    }
}
