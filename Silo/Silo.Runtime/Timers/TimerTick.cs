using Silo.Runtime.Scheduling;

namespace Silo.Runtime.Timers;

/// <summary>One tick of a grain timer, run through the activation's gate like a request (or interleaving, if asked).</summary>
sealed class TimerTick(GrainTimer timer, bool interleave, bool keepAlive)
    : WorkItem(interleave ? InvokeKind.Interleave : InvokeKind.Exclusive, callerChain: null)
{
    public GrainTimer Timer { get; } = timer;

    public override bool CountsAsActivity => keepAlive;

    public override bool IsForwardable => false;

    public override void Reject(Exception exception) => Timer.TickDropped();
}
