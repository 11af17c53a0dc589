namespace Silo.Concurrency;

/// <summary>Several local activations of one grain id, each single-threaded; for fan-out and stateless work.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StatelessWorkerAttribute(int maxLocalWorkers = 0) : Attribute
{
    /// <summary>0 means one per processor.</summary>
    public int MaxLocalWorkers { get; } = maxLocalWorkers;
}
