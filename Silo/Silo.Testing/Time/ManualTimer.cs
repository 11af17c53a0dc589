namespace Silo.Testing.Time;

/// <summary>A timer of a <see cref="ManualTimeProvider"/>; its schedule is guarded by the clock's lock.</summary>
sealed class ManualTimer(ManualClock clock, ManualTimeProvider creator, TimerCallback callback, object? state) : ITimer
{
    internal DateTimeOffset Due { get; set; }

    internal TimeSpan Period { get; set; }

    internal long Sequence { get; set; }

    internal bool IsDisposed { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period) => clock.Schedule(this, dueTime, period);

    public void Dispose()
    {
        clock.Remove(this);
        creator.Forget(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal void Fire() => callback(state);
}
