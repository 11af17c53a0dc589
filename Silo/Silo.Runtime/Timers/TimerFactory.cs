namespace Silo.Runtime.Timers;

/// <summary>
/// Creates runtime timers without capturing the creator's execution context: a timer made inside a grain call must
/// not carry that call's chain or request context into every later tick.
/// </summary>
static class TimerFactory
{
    public static ITimer CreateUnflowed(this TimeProvider timeProvider, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        using (ExecutionContext.SuppressFlow())
        {
            return timeProvider.CreateTimer(callback, state, dueTime, period);
        }
    }
}
