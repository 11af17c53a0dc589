using System.Globalization;
using Silo.Runtime.Copying;

namespace Silo.Persistence;

/// <summary>
/// Grain storage in process memory with the same contract as a database: state is copied in and out (a grain never
/// shares objects with the store), every write must carry the stored ETag or it throws
/// <see cref="InconsistentStateException"/> and changes nothing. For unit tests and single-process development.
/// </summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    readonly Dictionary<(string StateName, GrainId GrainId), StoredState> _records = [];
    readonly Lock _lock = new();
    long _version;

    /// <summary>Number of stored records.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>What is stored for one state of one grain, for tests to inspect.</summary>
    public bool TryGetState<TState>(string stateName, GrainId grainId, out TState? state, out string? eTag)
    {
        lock (_lock)
        {
            if (_records.TryGetValue((stateName, grainId), out var stored))
            {
                state = (TState?)DeepCopier.CopyObject(stored.State);
                eTag = stored.ETag;
                return true;
            }
        }

        state = default;
        eTag = null;
        return false;
    }

    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        lock (_lock)
        {
            if (_records.TryGetValue((stateName, grainId), out var stored))
            {
                grainState.State = (TState)DeepCopier.CopyObject(stored.State)!;
                grainState.ETag = stored.ETag;
                grainState.RecordExists = true;
            }
            else
            {
                grainState.State = default!;
                grainState.ETag = null;
                grainState.RecordExists = false;
            }
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        lock (_lock)
        {
            var key = (stateName, grainId);
            if (Conflict(key, grainState.ETag, "write") is { } conflict)
            {
                return Task.FromException(conflict);
            }

            var eTag = (++_version).ToString(CultureInfo.InvariantCulture);
            _records[key] = new StoredState(DeepCopier.CopyObject(grainState.State), eTag);
            grainState.ETag = eTag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        lock (_lock)
        {
            var key = (stateName, grainId);
            if (Conflict(key, grainState.ETag, "clear") is { } conflict)
            {
                return Task.FromException(conflict);
            }

            _records.Remove(key);
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    InconsistentStateException? Conflict((string StateName, GrainId GrainId) key, string? eTag, string operation)
    {
        var storedETag = _records.TryGetValue(key, out var stored) ? stored.ETag : null;
        return storedETag == eTag
            ? null
            : new InconsistentStateException(
                $"Cannot {operation} state '{key.StateName}' of {key.GrainId}: the stored ETag is '{storedETag}', the grain had '{eTag}'.",
                storedETag,
                eTag);
    }

    sealed record StoredState(object? State, string ETag);
}
