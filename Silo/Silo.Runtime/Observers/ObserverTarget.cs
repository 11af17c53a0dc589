using Silo.Runtime.Copying;
using Silo.Runtime.Identity;
using Silo.Runtime.Messaging;
using Silo.Runtime.Scheduling;

namespace Silo.Runtime.Observers;

/// <summary>
/// A local object made addressable with CreateObjectReference. Calls to it run one at a time on its own scheduler
/// and join deadlock detection like grains do. The object is held weakly: its owner keeps it alive.
/// </summary>
sealed class ObserverTarget(GrainId grainId, object observer) : MessageTarget
{
    readonly WeakReference<object> _observer = new(observer);
    bool _deleted;

    public override GrainId GrainId { get; } = grainId;

    public bool IsAlive => _observer.TryGetTarget(out _);

    protected override bool IsReentrant => false;

    public void Enqueue(GrainRequest request)
    {
        var start = false;
        Exception? rejection = null;
        lock (SyncRoot)
        {
            if (_deleted)
            {
                rejection = Gone();
            }
            else if (MayStartNow(request))
            {
                MarkRunning(request);
                start = true;
            }
            else
            {
                rejection = DetectDeadlock(request);
                if (rejection is null)
                {
                    EnqueueWaiting(request);
                }
            }
        }

        if (start)
        {
            StartTurn(request);
        }
        else if (rejection is not null)
        {
            request.Reject(rejection);
        }
    }

    /// <summary>Stops taking calls; waiting calls fail.</summary>
    public void Delete()
    {
        List<WorkItem> waiting;
        lock (SyncRoot)
        {
            _deleted = true;
            waiting = DrainWaiting();
        }

        foreach (var item in waiting)
        {
            item.Reject(Gone());
        }
    }

    protected override void RunItem(WorkItem item) => _ = RunRequestAsync((GrainRequest)item);

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
            if (!_observer.TryGetTarget(out var target))
            {
                throw Gone();
            }

            var task = request.Method.Invoker(target, request.Arguments);
            await task;
            result = request.Method.ResultNeedsCopy ? DeepCopier.CopyObject(request.Method.GetResult(task)) : request.Method.GetResult(task);
        }
#pragma warning disable CA1031 // Whatever the observer throws goes back to the caller.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = e;
        }

        StartBatch batch;
        lock (SyncRoot)
        {
            MarkCompleted(request);
            batch = TakeStartable();
        }

        StartTurns(batch);
        request.Dispatcher.Complete(request, GrainTypeNames.Observer, result, failure);
    }

    InvalidOperationException Gone() => new($"The observer {GrainId} was deleted or garbage-collected; subscribe a new reference.");
}
