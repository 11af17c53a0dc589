namespace Silo.Timers;

/// <summary>A timer that ticks inside the grain's turn, never overlapping itself, and dies with the activation.</summary>
public interface IGrainTimer : IDisposable
{
    void Change(TimeSpan dueTime, TimeSpan period);
}
