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

    readonly ConcurrentQueue<Task> _queue = new();

    // 0: idle; 1: queued to the thread pool or running.
    int _scheduled;

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Tasks queued and not yet started.</summary>
    public int QueuedCount => _queue.Count;

    public static bool IsRunningOn(ActivationTaskScheduler scheduler) => ReferenceEquals(t_running, scheduler);

    protected override void QueueTask(Task task)
    {
        _queue.Enqueue(task);
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
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

        Volatile.Write(ref _scheduled, 0);
        if (!_queue.IsEmpty && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }
}
