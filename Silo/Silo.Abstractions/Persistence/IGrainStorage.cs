namespace Silo.Persistence;

/// <summary>
/// A storage provider. Implementations must throw <see cref="InconsistentStateException"/> when the ETag in
/// <paramref name="grainState"/> is not the stored one, and never overwrite newer state.
/// </summary>
public interface IGrainStorage
{
    Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken);

    Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken);

    Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken);
}
