namespace Silo.Runtime.Scheduling;

/// <summary>Something an activation runs as a turn sequence of its own: a request or a timer tick.</summary>
abstract class WorkItem(InvokeKind kind, CallChainLink? callerChain)
{
    public InvokeKind Kind { get; } = kind;

    /// <summary>The chain of grains awaiting this work, for deadlock detection.</summary>
    public CallChainLink? CallerChain { get; } = callerChain;

    /// <summary>The target running this item; written and read under the target's lock.</summary>
    public MessageTarget? RunningOn { get; set; }

    /// <summary>Nobody waits for it any more (the caller timed out): drop it instead of running it.</summary>
    public virtual bool IsAbandoned => false;

    /// <summary>Whether it keeps the activation from being collected as idle.</summary>
    public virtual bool CountsAsActivity => true;

    /// <summary>Whether it goes to a fresh activation when it arrives during deactivation (requests do, timer ticks don't).</summary>
    public virtual bool IsForwardable => true;

    /// <summary>Fails the item without running it.</summary>
    public abstract void Reject(Exception exception);
}
