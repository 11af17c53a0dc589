namespace Silo.Testing.Time;

/// <summary>A timer of a <see cref="ManualTimeProvider"/>; its state is guarded by the provider's lock.</summary>
sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
{
    internal DateTimeOffset Due { get; set; }

    internal TimeSpan Period { get; set; }

    internal long Sequence { get; set; }

    internal bool IsDisposed { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period) => owner.Schedule(this, dueTime, period);

    public void Dispose() => owner.Remove(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal void Fire() => callback(state);
}
