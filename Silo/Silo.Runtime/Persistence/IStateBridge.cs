namespace Silo.Runtime.Persistence;

/// <summary>The runtime's untyped handle on one <see cref="Silo.Persistence.IPersistentState{TState}"/> of an activation.</summary>
interface IStateBridge
{
    /// <summary>Reads the stored state; runs before OnActivateAsync.</summary>
    Task LoadAsync(CancellationToken cancellationToken);
}
