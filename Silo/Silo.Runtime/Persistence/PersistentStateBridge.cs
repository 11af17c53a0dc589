using Silo.Persistence;

namespace Silo.Runtime.Persistence;

/// <summary>
/// One named state of one grain, backed by an <see cref="IGrainStorage"/>. Used from grain code only (one turn at a
/// time). Writes are coalesced: while a write is in flight, further writes share one follow-up write of the latest
/// state, so a reentrant grain never races itself on the ETag.
/// </summary>
sealed class PersistentStateBridge<TState>(string stateName, GrainId grainId, IGrainStorage storage)
    : IPersistentState<TState>, IGrainState<TState>, IStateBridge
    where TState : new()
{
    Task? _inFlight;
    Task? _nextWrite;

    public TState State { get; set; } = new();

    public string? Etag => ETag;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    public Task LoadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        await WhenIdle();
        await storage.ReadStateAsync(stateName, grainId, this, cancellationToken);
        State ??= new TState();
    }

    public Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        if (_inFlight is null || _inFlight.IsCompleted)
        {
            return _inFlight = WriteOnceAsync(cancellationToken);
        }

        return _nextWrite ??= WriteAfterAsync(_inFlight, cancellationToken);
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await WhenIdle();
        await storage.ClearStateAsync(stateName, grainId, this, cancellationToken);
        State = new TState();
    }

    Task WriteOnceAsync(CancellationToken cancellationToken) => storage.WriteStateAsync(stateName, grainId, this, cancellationToken);

    async Task WriteAfterAsync(Task previous, CancellationToken cancellationToken)
    {
        try
        {
            await previous;
        }
#pragma warning disable CA1031 // The earlier write's callers see its failure; this write reports its own.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        _nextWrite = null;
        await (_inFlight = WriteOnceAsync(cancellationToken));
    }

    async Task WhenIdle()
    {
        while ((_nextWrite ?? _inFlight) is { IsCompleted: false } pending)
        {
            try
            {
                await pending;
            }
#pragma warning disable CA1031 // Reads and clears wait for writes to settle, not for them to succeed.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
