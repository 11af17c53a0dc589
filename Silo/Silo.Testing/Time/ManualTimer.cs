namespace Silo.Testing.Time;

/// <summary>A timer of a <see cref="ManualTimeProvider"/>; its schedule is guarded by the clock's lock.</summary>
sealed class ManualTimer(ManualClock clock, ManualTimeProvider creator, TimerCallback callback, object? state) : ITimer
{
    /// <summary>An execution context holding nothing: where a real timer runs the callback of a creator that suppressed the flow.</summary>
    static readonly ExecutionContext s_empty = CaptureEmpty();

    /// <summary>The creator's execution context, as a real timer captures it (empty when the creator suppressed its flow).</summary>
    readonly ExecutionContext _context = ExecutionContext.Capture() ?? s_empty;

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

    /// <summary>Runs the callback as a real timer would: without the advancing thread's synchronization context (a test's),
    /// in the creator's execution context, not the advancing thread's.</summary>
    internal void Fire()
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            ExecutionContext.Run(_context, static s => ((ManualTimer)s!).Invoke(), this);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    void Invoke() => callback(state);

    static ExecutionContext CaptureEmpty()
    {
        // A thread started without flow begins in the default context: capture that one.
        ExecutionContext? empty = null;
        var thread = new Thread(() => empty = ExecutionContext.Capture());
        thread.UnsafeStart();
        thread.Join();
        return empty!;
    }
}
