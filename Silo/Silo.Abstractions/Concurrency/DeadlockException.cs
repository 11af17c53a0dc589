namespace Silo.Concurrency;

/// <summary>A call would wait on itself through a cycle of non-reentrant grains; thrown at once instead of waiting for the timeout.</summary>
public sealed class DeadlockException : Exception
{
    public DeadlockException()
    {
        CallChain = [];
    }

    public DeadlockException(string message)
        : base(message)
    {
        CallChain = [];
    }

    public DeadlockException(string message, Exception innerException)
        : base(message, innerException)
    {
        CallChain = [];
    }

    public DeadlockException(IReadOnlyList<GrainId> callChain)
        : base("Deadlock: the call cycle " + string.Join(" -> ", callChain) + " runs through non-reentrant grains.")
    {
        CallChain = callChain;
    }

    public IReadOnlyList<GrainId> CallChain { get; }
}
