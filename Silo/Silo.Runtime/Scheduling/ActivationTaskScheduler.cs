using System.Collections.Concurrent;

namespace Silo.Runtime.Scheduling;

/// <summary>
/// Runs the tasks of one activation one at a time on the thread pool. Because <c>await</c> resumes on
/// <see cref="TaskScheduler.Current"/> when there is no synchronization context, every continuation of grain code
/// comes back here: that is what makes a grain single-threaded across awaits.
/// </summary>
sealed class ActivationTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    // After this long an activation gives its thread back, so one busy grain cannot starve the others.
    const long QuantumMilliseconds = 100;

    [ThreadStatic]
    static ActivationTaskScheduler? t_running;

    [ThreadStatic]
    static bool t_inlineNext;

    // Turns of other activations running inline beneath the current one on this thread.
    [ThreadStatic]
    static int t_inlineDepth;

    // Each inline turn sits on the stack of the one that called it; past this depth calls queue as usual.
    const int MaxInlineDepth = 4;

    readonly ConcurrentQueue<Task> _queue = new();

    // 0: idle; 1: queued to the thread pool or running.
    int _scheduled;

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Tasks queued and not yet started.</summary>
    public int QueuedCount => _queue.Count;

    /// <summary>
    /// Lets the next task queued by this thread run at once on this thread if its scheduler is idle, saving a thread hop
    /// (two, with the response) per call. A grain calling an idle grain thus runs the callee's turn, up to its first
    /// await, on top of its own: the caller is inside the call anyway, the callee's scheduler is taken, so each activation
    /// still runs one turn at a time, and a busy callee queues as before. Nesting stops at <see cref="MaxInlineDepth"/>.
    /// Cleared by <see cref="EndInline"/> whether or not a task was queued.
    /// </summary>
    public static void BeginInline() => t_inlineNext = t_inlineDepth < MaxInlineDepth;

    public static void EndInline() => t_inlineNext = false;

    protected override void QueueTask(Task task)
    {
        if (t_inlineNext)
        {
            t_inlineNext = false;
            if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
            {
                RunInline(task);
                return;
            }
        }

        _queue.Enqueue(task);
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            // Local: the queuing thread is usually about to await (a grain calling a grain) or to end its turn, so the
            // activation runs next on this warm thread instead of waking another; idle threads steal from local queues.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    void RunInline(Task task)
    {
        // The caller's synchronization context must not capture the grain's continuations.
        var callerContext = SynchronizationContext.Current;
        if (callerContext is not null)
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }

        var caller = t_running;
        t_running = this;
        t_inlineDepth++;
        try
        {
            TryExecuteTask(task);
        }
        finally
        {
            t_inlineDepth--;
            t_running = caller;
            if (callerContext is not null)
            {
                SynchronizationContext.SetSynchronizationContext(callerContext);
            }
        }

        Release();
    }

    void Release()
    {
        // A full fence, not a release store: the queue check below must not be reordered before it, or a task queued
        // meanwhile (whose producer saw us still scheduled) would never run.
        Interlocked.Exchange(ref _scheduled, 0);
        if (!_queue.IsEmpty && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    // Only when already inside one of our tasks: running another one inline keeps one-at-a-time.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        ReferenceEquals(t_running, this) && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    void IThreadPoolWorkItem.Execute()
    {
        var previous = t_running;
        t_running = this;
        var started = Environment.TickCount64;
        try
        {
            while (_queue.TryDequeue(out var task))
            {
                TryExecuteTask(task);
                if (Environment.TickCount64 - started > QuantumMilliseconds)
                {
                    break;
                }
            }
        }
        finally
        {
            t_running = previous;
        }

        Release();
    }
}
