using Silo.Runtime.Scheduling;

namespace Silo.Runtime.Activation;

/// <summary>
/// Activation or deactivation in progress, put in the call chain like a request so that a call that loops back into
/// an activation from its own OnActivateAsync or OnDeactivateAsync fails at once with a deadlock instead of timing out.
/// </summary>
sealed class LifecycleWork(CallChainLink? callerChain) : WorkItem(InvokeKind.Exclusive, callerChain)
{
    public override void Reject(Exception exception)
    {
        // Never queued: it only marks the chain.
    }
}
