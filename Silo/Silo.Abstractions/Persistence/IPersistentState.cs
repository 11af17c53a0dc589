namespace Silo.Persistence;

/// <summary>
/// A grain's durable state, loaded before <see cref="Grain.OnActivateAsync"/>. Writes are optimistic:
/// a write with a stale <see cref="Etag"/> throws <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
public interface IPersistentState<TState>
    where TState : new()
{
    TState State { get; set; }

    /// <summary>The stored version as text; null when nothing is stored.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    Task WriteStateAsync(CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
