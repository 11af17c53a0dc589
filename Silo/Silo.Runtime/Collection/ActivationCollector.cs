using Silo.Hosting;
using Silo.Runtime.Diagnostics;
using Silo.Runtime.Timers;

namespace Silo.Runtime.Collection;

/// <summary>
/// Every collection quantum, deactivates activations that have had no call for their collection age (the silo's
/// CollectionAge, or the class's [CollectionAgeLimit]) and are not held by DelayDeactivation. Time comes from the
/// DI <see cref="TimeProvider"/>, so tests drive it.
/// </summary>
sealed class ActivationCollector(SiloRuntime runtime) : IDisposable
{
    static readonly TimerCallback s_collect = static state => _ = ((ActivationCollector)state!).CollectAsync();

    ITimer? _timer;

    public void Start()
    {
        var quantum = runtime.Options.CollectionQuantum;
        _timer = runtime.TimeProvider.CreateUnflowed(s_collect, this, quantum, quantum);
    }

    public void Stop() => _timer?.Dispose();

    public void Dispose() => Stop();

    /// <summary>One pass; completes when the activations it found idle are gone.</summary>
    public Task CollectAsync()
    {
        var now = runtime.TimeProvider.GetUtcNow().UtcTicks;
        var age = runtime.Options.CollectionAge;
        List<Task>? deactivations = null;
        foreach (var activation in runtime.Directory.Activations)
        {
            if (activation.IsIdle(now, age))
            {
                (deactivations ??= []).Add(activation.DeactivateAsync(new(DeactivationReasonCode.ActivationIdle, "Idle longer than its collection age.")));
            }
        }

        runtime.Observers.RemoveCollected();
        if (deactivations is null)
        {
            return Task.CompletedTask;
        }

        SiloLog.Collected(runtime.Logger, deactivations.Count);
        return Task.WhenAll(deactivations);
    }
}
