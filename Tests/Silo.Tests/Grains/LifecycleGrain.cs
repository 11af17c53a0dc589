using Silo.Persistence;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Grains;

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<Guid> GetActivationId();

    Task<bool> WasActivated();

    Task<int> StateSeenInOnActivate();

    Task DeactivateOnIdleNow();

    Task KeepAliveFor(TimeSpan span);

    Task SetValue(int value);
}

public sealed class LifecycleState
{
    public int Value { get; set; }

    public int DeactivationCount { get; set; }
}

/// <summary>
/// Reports its lifecycle through the probe. Behaviour is steered by the key: "slow-*" waits in OnActivateAsync for
/// the signal "activate:{key}", "failonce-*" waits likewise and then throws from its first OnActivateAsync, "blockdeactivate-*" waits in
/// OnDeactivateAsync for "deactivate:{key}". OnDeactivateAsync always writes its state, so a flush can be observed.
/// </summary>
public sealed class LifecycleGrain(GrainProbe probe, [PersistentState("lifecycle")] IPersistentState<LifecycleState> state)
    : Grain, ILifecycleGrain
{
    bool _activated;
    int _stateSeenInOnActivate = -1;

    string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Increment($"activate:{Key}");
        probe.Record($"activate {Key} {Context.ActivationId}");
        _stateSeenInOnActivate = state.State.Value;
        if (Key.StartsWith("slow-", StringComparison.Ordinal) || Key.StartsWith("failonce-", StringComparison.Ordinal))
        {
            await probe.WaitAsync($"activate:{Key}");
        }

        if (Key.StartsWith("failonce-", StringComparison.Ordinal) && probe.Count($"activate:{Key}") == 1)
        {
            throw new InvalidOperationException($"Activation of {Key} failed on purpose.");
        }

        _activated = true;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"deactivating {Key} {Context.ActivationId} {reason.Code}");
        if (Key.StartsWith("blockdeactivate-", StringComparison.Ordinal))
        {
            await probe.WaitAsync($"deactivate:{Key}");
        }

        state.State.DeactivationCount++;
        await state.WriteStateAsync(cancellationToken);
        probe.Increment($"deactivated:{Key}");
        probe.Record($"deactivated {Key} {Context.ActivationId}");
    }

    public Task<Guid> GetActivationId() => Task.FromResult(Context.ActivationId);

    public Task<bool> WasActivated() => Task.FromResult(_activated);

    public Task<int> StateSeenInOnActivate() => Task.FromResult(_stateSeenInOnActivate);

    public Task DeactivateOnIdleNow()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task KeepAliveFor(TimeSpan span)
    {
        DelayDeactivation(span);
        return Task.CompletedTask;
    }

    public async Task SetValue(int value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }
}

public interface IConstructionCountingGrain : IGrainWithStringKey
{
    Task<Guid> GetActivationId();
}

/// <summary>Counts constructions per key and activates slowly, to widen the window for racing first calls.</summary>
public sealed class ConstructionCountingGrain : Grain, IConstructionCountingGrain
{
    public ConstructionCountingGrain(GrainProbe probe)
    {
        probe.Increment($"construct:{this.GetPrimaryKeyString()}");
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => await Task.Delay(20, cancellationToken);

    public Task<Guid> GetActivationId() => Task.FromResult(Context.ActivationId);
}

public interface IShortLivedGrain : IGrainWithStringKey
{
    Task<Guid> GetActivationId();
}

[Concurrency.CollectionAgeLimit("00:02:00")]
public sealed class ShortLivedGrain : Grain, IShortLivedGrain
{
    public Task<Guid> GetActivationId() => Task.FromResult(Context.ActivationId);
}
