using Silo.Concurrency;

namespace Silo.Runtime.Scheduling;

/// <summary>
/// Something that receives grain calls one turn at a time: a grain activation or a local observer. Holds the request
/// gate: which queued work may start given what is running, honouring [Reentrant], [ReadOnly] and [AlwaysInterleave].
/// Waiting work is served first in, first out; a blocked write also holds back the read-only work behind it, so writes
/// cannot starve.
/// </summary>
abstract class MessageTarget
{
    static readonly Action<object?> s_runItem = static state => ((WorkItem)state!).RunningOn!.RunItem((WorkItem)state);

    readonly Queue<WorkItem> _waiting = new();
    int _running;
    int _runningExclusive;
    int _runningReadOnly;

    /// <summary>Guards the gate and the subclass's lifecycle state. Held only for a few instructions.</summary>
    protected Lock SyncRoot { get; } = new();

    protected ActivationTaskScheduler Scheduler { get; } = new();

    public abstract GrainId GrainId { get; }

    protected abstract bool IsReentrant { get; }

    /// <summary>Requests waiting for the gate (racy read, for metrics).</summary>
    public int WaitingCount => _waiting.Count;

    /// <summary>Work running or waiting (racy read, to spread load over stateless workers).</summary>
    public int Load => Volatile.Read(ref _running) + _waiting.Count;

    /// <summary>Number of work items started and not finished. Caller holds <see cref="SyncRoot"/>.</summary>
    protected int RunningCount => _running;

    protected bool HasWaiting => _waiting.Count > 0;

    /// <summary>Runs a started item inside a turn on <see cref="Scheduler"/>.</summary>
    protected abstract void RunItem(WorkItem item);

    /// <summary>Whether <paramref name="item"/> may start right now, ahead of nothing. Caller holds <see cref="SyncRoot"/>.</summary>
    protected bool MayStartNow(WorkItem item) =>
        item.Kind == InvokeKind.Interleave || (MayStart(item) && (_waiting.Count == 0 || ChainRunsHere(item)));

    // A read-only call made by read-only work running here must not queue behind a write that waits for that work.
    bool ChainRunsHere(WorkItem item)
    {
        for (var link = item.CallerChain; link is not null; link = link.Previous)
        {
            if (ReferenceEquals(link.Item.RunningOn, this))
            {
                return true;
            }
        }

        return false;
    }

    bool MayStart(WorkItem item) =>
        IsReentrant || item.Kind switch
        {
            InvokeKind.Interleave => true,
            InvokeKind.ReadOnly => _runningExclusive == 0,
            _ => _runningExclusive == 0 && _runningReadOnly == 0,
        };

    /// <summary>Caller holds <see cref="SyncRoot"/>.</summary>
    protected void MarkRunning(WorkItem item)
    {
        item.RunningOn = this;
        _running++;
        switch (item.Kind)
        {
            case InvokeKind.Exclusive:
                _runningExclusive++;
                break;
            case InvokeKind.ReadOnly:
                _runningReadOnly++;
                break;
        }
    }

    /// <summary>Caller holds <see cref="SyncRoot"/>.</summary>
    protected void MarkCompleted(WorkItem item)
    {
        item.RunningOn = null;
        _running--;
        switch (item.Kind)
        {
            case InvokeKind.Exclusive:
                _runningExclusive--;
                break;
            case InvokeKind.ReadOnly:
                _runningReadOnly--;
                break;
        }
    }

    /// <summary>Caller holds <see cref="SyncRoot"/>.</summary>
    protected void EnqueueWaiting(WorkItem item) => _waiting.Enqueue(item);

    /// <summary>Starts as much waiting work as the gate allows, in order. Caller holds <see cref="SyncRoot"/>;
    /// the returned items must be passed to <see cref="StartTurns"/> once the lock is released.</summary>
    protected StartBatch TakeStartable()
    {
        var batch = default(StartBatch);
        while (_waiting.TryPeek(out var next))
        {
            if (next.IsAbandoned)
            {
                _waiting.Dequeue();
                continue;
            }

            if (!MayStart(next))
            {
                break;
            }

            _waiting.Dequeue();
            MarkRunning(next);
            batch.Add(next);
        }

        return batch;
    }

    /// <summary>Removes every waiting item. Caller holds <see cref="SyncRoot"/>.</summary>
    protected List<WorkItem> DrainWaiting()
    {
        var items = new List<WorkItem>(_waiting.Count);
        while (_waiting.TryDequeue(out var item))
        {
            items.Add(item);
        }

        return items;
    }

    protected void StartTurns(StartBatch batch)
    {
        if (batch.First is { } first)
        {
            StartTurn(first);
        }

        if (batch.Rest is { } rest)
        {
            foreach (var item in rest)
            {
                StartTurn(item);
            }
        }
    }

    /// <summary>Starts a marked-running item as a task on this target's scheduler.</summary>
    protected void StartTurn(WorkItem item) => new Task(s_runItem, item).Start(Scheduler);

    /// <summary>
    /// A call waiting on this target would never start if a call up its own chain is running here and blocks it:
    /// that is a deadlock, reported at once. Caller holds <see cref="SyncRoot"/>.
    /// </summary>
    protected DeadlockException? DetectDeadlock(WorkItem incoming)
    {
        if (IsReentrant || incoming.Kind == InvokeKind.Interleave)
        {
            return null;
        }

        for (var link = incoming.CallerChain; link is not null; link = link.Previous)
        {
            if (ReferenceEquals(link.Target, this) && ReferenceEquals(link.Item.RunningOn, this) && Blocks(link.Item.Kind, incoming.Kind))
            {
                return new DeadlockException(CallChain.Cycle(incoming.CallerChain!, link, GrainId));
            }
        }

        return null;
    }

    /// <summary>A call made by work running here can only wait for this target if it is let in; when the target is not
    /// letting anything in (it is deactivating), that is a deadlock. Caller holds <see cref="SyncRoot"/>.</summary>
    protected DeadlockException? DetectChainThroughHere(WorkItem incoming)
    {
        for (var link = incoming.CallerChain; link is not null; link = link.Previous)
        {
            if (ReferenceEquals(link.Item.RunningOn, this))
            {
                return new DeadlockException(CallChain.Cycle(incoming.CallerChain!, link, GrainId));
            }
        }

        return null;
    }

    static bool Blocks(InvokeKind running, InvokeKind incoming) => running switch
    {
        InvokeKind.Exclusive => true,
        InvokeKind.ReadOnly => incoming == InvokeKind.Exclusive,
        _ => false,
    };

    /// <summary>Work that became startable under the lock, started after it is released. Usually zero or one item.</summary>
    protected struct StartBatch
    {
        public WorkItem? First { get; private set; }

        public List<WorkItem>? Rest { get; private set; }

        public void Add(WorkItem item)
        {
            if (First is null)
            {
                First = item;
            }
            else
            {
                (Rest ??= []).Add(item);
            }
        }
    }
}
