using Microsoft.Extensions.DependencyInjection;
using Silo.Concurrency;
using Silo.Filters;
using Silo.Hosting;
using Silo.Persistence;
using Silo.Reminders;
using Silo.Runtime.Catalog;
using Silo.Runtime.Copying;
using Silo.Runtime.Diagnostics;
using Silo.Runtime.Filters;
using Silo.Runtime.Messaging;
using Silo.Runtime.Persistence;
using Silo.Runtime.Scheduling;
using Silo.Runtime.Timers;
using Silo.Timers;

namespace Silo.Runtime.Activation;

/// <summary>
/// One activation of one grain: its instance, its scheduler and request gate, and its lifecycle. State is loaded
/// before OnActivateAsync; calls queue until activation succeeds, and all fail with the activation's exception if it
/// does not. Deactivation stops timers, lets running calls finish, runs OnDeactivateAsync, leaves the directory and
/// only then forwards the calls that arrived meanwhile to a fresh activation, so that it reads the flushed state.
/// </summary>
sealed class ActivationData : MessageTarget, IGrainContext
{
    static readonly Func<object?, Task> s_activate = static state => ((ActivationData)state!).ActivateAsync();
    static readonly Func<object?, Task> s_finishDeactivation = static state => ((ActivationData)state!).FinishDeactivationAsync();

    readonly SiloRuntime _runtime;
    readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Guarded by SyncRoot.
    ActivationState _state;
    List<GrainTimer>? _timers;
    List<WorkItem>? _held;
    DeactivationReason? _pendingDeactivation;
    DeactivationReason _deactivationReason;
    bool _becameValid;
    bool _finishing;
    long _lastActivityTicks;
    long _keepAliveUntilTicks;

    LifecycleWork? _lifecycle;
    Grain? _grain;
    IServiceScope? _scope;

    public ActivationData(SiloRuntime runtime, GrainClassInfo grainClass, GrainId grainId, StatelessWorkerPool? workerPool = null)
    {
        _runtime = runtime;
        WorkerPool = workerPool;
        GrainClass = grainClass;
        GrainId = grainId;
        ActivationId = Guid.NewGuid();
        _lastActivityTicks = NowTicks();
    }

    public override GrainId GrainId { get; }

    public Guid ActivationId { get; }

    public GrainClassInfo GrainClass { get; }

    /// <summary>The pool this activation belongs to if its class is a [StatelessWorker]; such activations share their id.</summary>
    public StatelessWorkerPool? WorkerPool { get; }

    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    public IServiceProvider ActivationServices => _scope?.ServiceProvider ?? _runtime.Services;

    public TimeProvider TimeProvider => _runtime.TimeProvider;

    public ActivationState State
    {
        get
        {
            lock (SyncRoot)
            {
                return _state;
            }
        }
    }

    /// <summary>Completes when the activation has left the directory, whether it deactivated or failed to activate.</summary>
    public Task Deactivated => _deactivated.Task;

    protected override bool IsReentrant => GrainClass.IsReentrant;

    SiloMetrics Metrics => _runtime.Metrics;

    /// <summary>Called once, by whoever added this activation to the directory.</summary>
    public void StartActivation()
    {
        lock (SyncRoot)
        {
            _state = ActivationState.Activating;

            // Activation continues the chain of the call that caused it.
            _lifecycle = new LifecycleWork(CallChain.Current) { RunningOn = this };
        }

        Metrics.ActivationAdded(GrainClass.GrainType);
        _ = Task.Factory.StartNew(s_activate, this, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler);
    }

    /// <summary>Queues or starts <paramref name="item"/>. False when this activation is gone: get a fresh one from the directory.</summary>
    public bool TryEnqueue(WorkItem item)
    {
        var start = false;
        Exception? rejection = null;
        lock (SyncRoot)
        {
            switch (_state)
            {
                case ActivationState.Invalid:
                    return false;
                case ActivationState.Deactivating:
                    if (!item.IsForwardable)
                    {
                        rejection = new InvalidOperationException($"{GrainId} is deactivating.");
                    }
                    else if (DetectChainThroughHere(item) is { } cycle)
                    {
                        rejection = cycle;
                    }
                    else
                    {
                        (_held ??= []).Add(item);
                    }

                    break;
                case ActivationState.Valid when MayStartNow(item):
                    MarkRunning(item);
                    start = true;
                    break;
                case ActivationState.Valid:
                    rejection = DetectDeadlock(item);
                    if (rejection is null)
                    {
                        EnqueueWaiting(item);
                    }

                    break;
                default:
                    rejection = DetectChainThroughHere(item);
                    if (rejection is null)
                    {
                        EnqueueWaiting(item);
                    }

                    break;
            }
        }

        if (start)
        {
            StartTurn(item);
        }
        else if (rejection is not null)
        {
            item.Reject(rejection);
        }

        return true;
    }

    protected override void RunItem(WorkItem item)
    {
        if (item is GrainRequest request)
        {
            _ = RunRequestAsync(request);
        }
        else
        {
            _ = RunTickAsync((TimerTick)item);
        }
    }

    async Task RunRequestAsync(GrainRequest request)
    {
        CallChain.Enter(this, request);
        if (request.RequestContext is not null || RequestContext.Export() is not null)
        {
            RequestContext.Import(request.RequestContext);
        }

        object? result = null;
        Exception? failure = null;
        try
        {
            var grain = _grain!;
            var filters = _runtime.CallFilters;
            if (filters.Length > 0 || GrainClass.IsCallFilter)
            {
                var context = new GrainCallContext(grain, request, filters, GrainClass.IsCallFilter ? (IIncomingGrainCallFilter)grain : null);
                await context.Invoke();
                result = context.Result;
            }
            else
            {
                var task = request.Method.Invoker(grain, request.Arguments);
                await task;
                result = request.Method.GetResult(task);
            }

            if (request.Method.ResultNeedsCopy)
            {
                result = DeepCopier.CopyObject(result);
            }
        }
#pragma warning disable CA1031 // Whatever the grain throws goes back to the caller.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = e;
            if (e is InconsistentStateException)
            {
                // Another activation or process wrote first: this one's state is stale, so it must not serve more calls.
                _ = DeactivateAsync(new(DeactivationReasonCode.InconsistentState, e.Message));
            }
        }

        // The gate first: once the caller sees the response, this activation already counts as idle since now.
        OnItemCompleted(request);
        request.Dispatcher.Complete(request, GrainClass.GrainType, result, failure);
    }

    async Task RunTickAsync(TimerTick tick)
    {
        CallChain.Enter(this, tick);
        if (RequestContext.Export() is not null)
        {
            RequestContext.Import(null);
        }

        try
        {
            await tick.Timer.RunTickAsync();
        }
        finally
        {
            OnItemCompleted(tick);
        }
    }

    void OnItemCompleted(WorkItem item)
    {
        var now = item.CountsAsActivity ? NowTicks() : 0;
        var batch = default(StartBatch);
        var finish = false;
        lock (SyncRoot)
        {
            MarkCompleted(item);
            if (item.CountsAsActivity)
            {
                _lastActivityTicks = now;
            }

            if (_state == ActivationState.Valid)
            {
                batch = TakeStartable();
            }
            else if (_state == ActivationState.Deactivating)
            {
                finish = TryBeginFinishing();
            }
        }

        StartTurns(batch);
        if (finish)
        {
            StartFinishing();
        }
    }

    async Task ActivateAsync()
    {
        CallChain.Enter(this, _lifecycle!);
        try
        {
            _scope = _runtime.ScopeFactory.CreateScope();
            var services = _scope.ServiceProvider;
            var parameters = GrainClass.StateParameters;
            var states = new IStateBridge[parameters.Count];
            var arguments = new object[parameters.Count];
            for (var i = 0; i < states.Length; i++)
            {
                arguments[i] = states[i] = parameters[i].Create(GrainId, services);
            }

            using (GrainContextAccessor.BeginConstruction(this))
            {
                _grain = GrainClass.CreateInstance(services, arguments);
            }

            foreach (var state in states)
            {
                await state.LoadAsync(_runtime.StoppingToken);
            }

            await _grain.OnActivateAsync(_runtime.StoppingToken);
        }
#pragma warning disable CA1031 // A failed activation fails its waiting calls; the next call tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await FailActivationAsync(e);
            return;
        }

        var batch = default(StartBatch);
        DeactivationReason? pending;
        lock (SyncRoot)
        {
            _state = ActivationState.Valid;
            _lifecycle!.RunningOn = null;
            _becameValid = true;
            _lastActivityTicks = NowTicks();
            pending = _pendingDeactivation;
            if (pending is null)
            {
                batch = TakeStartable();
            }
        }

        SiloLog.Activated(_runtime.Logger, GrainId, ActivationId);
        if (pending is { } reason)
        {
            _ = DeactivateAsync(reason);
        }
        else
        {
            StartTurns(batch);
        }
    }

    async Task FailActivationAsync(Exception exception)
    {
        List<WorkItem> failed;
        List<GrainTimer>? timers;
        lock (SyncRoot)
        {
            _state = ActivationState.Invalid;
            _lifecycle!.RunningOn = null;
            failed = DrainWaiting();
            failed.AddRange(_held ?? []);
            _held = null;
            timers = _timers;
            _timers = null;
        }

        DisposeTimers(timers);
        _runtime.Directory.Remove(this);
        Metrics.ActivationFailed(GrainClass.GrainType);
        Metrics.ActivationRemoved(GrainClass.GrainType);
        SiloLog.ActivationFailed(_runtime.Logger, exception, GrainId);
        foreach (var item in failed)
        {
            item.Reject(exception);
        }

        await DisposeScopeAsync();
        _grain = null;
        _deactivated.TrySetResult();
    }

    /// <summary>Starts deactivating (idempotent); completes when the activation has left the directory.</summary>
    public Task DeactivateAsync(DeactivationReason reason)
    {
        List<GrainTimer>? timers;
        bool finish;
        lock (SyncRoot)
        {
            switch (_state)
            {
                case ActivationState.Creating or ActivationState.Activating:
                    _pendingDeactivation ??= reason;
                    return _deactivated.Task;
                case ActivationState.Deactivating or ActivationState.Invalid:
                    return _deactivated.Task;
            }

            _state = ActivationState.Deactivating;
            _deactivationReason = reason;
            foreach (var item in DrainWaiting())
            {
                if (item.IsForwardable && !item.IsAbandoned)
                {
                    (_held ??= []).Add(item);
                }
            }

            timers = _timers;
            _timers = null;
            finish = TryBeginFinishing();
        }

        DisposeTimers(timers);
        if (finish)
        {
            StartFinishing();
        }

        return _deactivated.Task;
    }

    bool TryBeginFinishing()
    {
        if (RunningCount > 0 || _finishing)
        {
            return false;
        }

        _finishing = true;
        _lifecycle = new LifecycleWork(callerChain: null) { RunningOn = this };
        return true;
    }

    void StartFinishing() =>
        _ = Task.Factory.StartNew(s_finishDeactivation, this, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler);

    async Task FinishDeactivationAsync()
    {
        CallChain.Enter(this, _lifecycle!);
        var reason = _deactivationReason;
        if (_becameValid && _grain is { } grain)
        {
            try
            {
                await grain.OnDeactivateAsync(reason, CancellationToken.None);
            }
#pragma warning disable CA1031 // OnDeactivateAsync is best effort: a failure is logged and deactivation goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                SiloLog.OnDeactivateFailed(_runtime.Logger, e, GrainId);
            }

            await DisposeGrainAsync(grain);
        }

        List<WorkItem>? held;
        lock (SyncRoot)
        {
            _state = ActivationState.Invalid;
            _lifecycle!.RunningOn = null;
            held = _held;
            _held = null;
        }

        _runtime.Directory.Remove(this);
        Metrics.ActivationRemoved(GrainClass.GrainType);
        Metrics.Deactivated(GrainClass.GrainType, reason.Code);
        SiloLog.Deactivated(_runtime.Logger, GrainId, ActivationId, reason.Code);
        await DisposeScopeAsync();
        _grain = null;
        _deactivated.TrySetResult();
        if (held is not null)
        {
            foreach (var item in held)
            {
                _runtime.Dispatcher.Redispatch(item);
            }
        }
    }

    /// <summary>Whether the collector should deactivate this activation now.</summary>
    public bool IsIdle(long nowTicks, TimeSpan defaultAge)
    {
        var age = (GrainClass.CollectionAge ?? defaultAge).Ticks;
        lock (SyncRoot)
        {
            return _state == ActivationState.Valid && RunningCount == 0 && !HasWaiting
                && nowTicks - _lastActivityTicks >= age && nowTicks >= _keepAliveUntilTicks;
        }
    }

    public void DeactivateOnIdle() => _ = DeactivateAsync(new(DeactivationReasonCode.ApplicationRequested, "The grain called DeactivateOnIdle."));

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var now = NowTicks();
        lock (SyncRoot)
        {
            // As in Orleans, a negative span cancels an earlier delay.
            _keepAliveUntilTicks = timeSpan <= TimeSpan.Zero ? 0
                : timeSpan.Ticks >= long.MaxValue - now ? long.MaxValue
                : now + timeSpan.Ticks;
        }
    }

    public IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(options);
        var timer = new GrainTimer(this, callback, options, _runtime.TimeProvider, _runtime.Logger);
        lock (SyncRoot)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                throw new InvalidOperationException($"{GrainId} is deactivating; it cannot register timers.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Start(options.DueTime, options.Period);
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (SyncRoot)
        {
            _timers?.Remove(timer);
        }
    }

    public Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        RequireRemindable();
        return _runtime.Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period, _runtime.StoppingToken);
    }

    public Task UnregisterReminder(IGrainReminder reminder)
    {
        RequireRemindable();
        return _runtime.Reminders.UnregisterAsync(GrainId, reminder, _runtime.StoppingToken);
    }

    public Task<IGrainReminder?> GetReminder(string reminderName) =>
        _runtime.Reminders.GetAsync(GrainId, reminderName, _runtime.StoppingToken);

    public override string ToString() => $"{GrainId} ({ActivationId:N})";

    void RequireRemindable()
    {
        if (!GrainClass.IsRemindable)
        {
            throw new InvalidOperationException($"{GrainClass.ClassType} must implement IRemindable to use reminders.");
        }
    }

    long NowTicks() => _runtime.TimeProvider.GetUtcNow().UtcTicks;

    void DisposeTimers(List<GrainTimer>? timers)
    {
        foreach (var timer in timers ?? [])
        {
            timer.Stop();
        }
    }

    async Task DisposeGrainAsync(Grain grain)
    {
        try
        {
            switch (grain)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
#pragma warning disable CA1031 // A grain that fails to dispose must not stop its deactivation.
        catch (Exception e)
#pragma warning restore CA1031
        {
            SiloLog.OnDeactivateFailed(_runtime.Logger, e, GrainId);
        }
    }

    async Task DisposeScopeAsync()
    {
        var scope = _scope;
        _scope = null;
        try
        {
            if (scope is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                scope?.Dispose();
            }
        }
#pragma warning disable CA1031 // Scoped services failing to dispose must not stop deactivation.
        catch (Exception e)
#pragma warning restore CA1031
        {
            SiloLog.OnDeactivateFailed(_runtime.Logger, e, GrainId);
        }
    }
}
