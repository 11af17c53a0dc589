using Silo.Reminders;
using Silo.Timers;

namespace Silo;

/// <summary>
/// Base class of grain implementations. One instance serves one activation; the runtime runs its methods one turn at a time.
/// </summary>
public abstract class Grain : IAddressable
{
    protected Grain()
    {
        Context = GrainContextAccessor.Constructing
            ?? throw new InvalidOperationException("Grains are created by the runtime; get one through IGrainFactory.");
    }

    protected Grain(IGrainContext context) => Context = context ?? throw new ArgumentNullException(nameof(context));

    public IGrainContext Context { get; }

    public GrainId GrainId => Context.GrainId;

    protected IGrainFactory GrainFactory => Context.GrainFactory;

    protected IServiceProvider ServiceProvider => Context.ActivationServices;

    protected TimeProvider TimeProvider => Context.TimeProvider;

    /// <summary>Runs after persistent state is loaded and before the first call is delivered.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Best effort: not called when the process dies. Persist in normal operations, not only here.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    protected void DeactivateOnIdle() => Context.DeactivateOnIdle();

    protected void DelayDeactivation(TimeSpan timeSpan) => Context.DelayDeactivation(timeSpan);

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options) =>
        Context.RegisterGrainTimer(callback, options);

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterOrUpdateReminder(reminderName, dueTime, period);

    protected Task UnregisterReminder(IGrainReminder reminder) => Context.UnregisterReminder(reminder);

    protected Task<IGrainReminder?> GetReminder(string reminderName) => Context.GetReminder(reminderName);
}
