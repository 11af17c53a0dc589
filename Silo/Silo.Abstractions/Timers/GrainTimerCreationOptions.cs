namespace Silo.Timers;

/// <param name="DueTime">Delay before the first tick.</param>
/// <param name="Period">Delay between the end of one tick and the start of the next; <see cref="Timeout.InfiniteTimeSpan"/> for one tick.</param>
/// <param name="Interleave">Whether ticks may interleave with requests (false: a tick is a turn like a request).</param>
/// <param name="KeepAlive">Whether ticks count as activity for idle collection.</param>
public sealed record GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period, bool Interleave = false, bool KeepAlive = false);
