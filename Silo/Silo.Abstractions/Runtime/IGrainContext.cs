using Silo.Reminders;
using Silo.Timers;

namespace Silo;

/// <summary>What the runtime gives one activation. Grain code reaches it through <see cref="Grain"/>.</summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    /// <summary>Distinguishes successive activations of the same grain.</summary>
    Guid ActivationId { get; }

    IGrainFactory GrainFactory { get; }

    IServiceProvider ActivationServices { get; }

    TimeProvider TimeProvider { get; }

    /// <summary>Deactivate once the current turn and running requests finish; queued calls go to a fresh activation.</summary>
    void DeactivateOnIdle();

    /// <summary>Keep the activation for at least this long, whatever the idle age.</summary>
    void DelayDeactivation(TimeSpan timeSpan);

    IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options);

    Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period);

    Task UnregisterReminder(IGrainReminder reminder);

    Task<IGrainReminder?> GetReminder(string reminderName);
}
