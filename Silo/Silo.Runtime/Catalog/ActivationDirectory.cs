using System.Collections.Concurrent;
using Silo.Hosting;
using Silo.Runtime.Activation;

namespace Silo.Runtime.Catalog;

/// <summary>
/// The activations of this silo by grain id. Get-or-add is atomic: concurrent first calls to a grain agree on one
/// activation, and only the one that added it starts activating it, so there is at most one activation per id.
/// [StatelessWorker] grains are the exception by design: their ids map to a pool of local workers.
/// </summary>
sealed class ActivationDirectory(SiloRuntime runtime)
{
    readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    readonly ConcurrentDictionary<GrainId, StatelessWorkerPool> _workerPools = new();

    public int Count => _workerPools.IsEmpty ? _activations.Count : _activations.Count + _workerPools.Values.Sum(p => p.Workers.Count);

    public IEnumerable<ActivationData> Activations =>
        _workerPools.IsEmpty ? _activations.Values : _activations.Values.Concat(_workerPools.Values.SelectMany(p => p.Workers));

    public bool TryGet(GrainId grainId, out ActivationData activation)
    {
        if (_activations.TryGetValue(grainId, out activation!))
        {
            return true;
        }

        activation = _workerPools.TryGetValue(grainId, out var pool) ? pool.Workers.FirstOrDefault()! : null!;
        return activation is not null;
    }

    /// <summary>The grain's activation, or all its workers for a [StatelessWorker].</summary>
    public IReadOnlyList<ActivationData> ActivationsOf(GrainId grainId) =>
        _activations.TryGetValue(grainId, out var activation) ? [activation]
        : _workerPools.TryGetValue(grainId, out var pool) ? pool.Workers
        : [];

    public ActivationData GetOrAdd(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        if (_workerPools.TryGetValue(grainId, out var knownPool))
        {
            return knownPool.Pick();
        }

        runtime.ThrowIfStopped(grainId);
        var grainClass = runtime.Manifest.GetClass(grainId.Type);
        if (grainClass.StatelessWorkerLimit is { } limit)
        {
            return _workerPools.GetOrAdd(grainId, id => new StatelessWorkerPool(runtime, grainClass, id, limit)).Pick();
        }

        var candidate = new ActivationData(runtime, grainClass, grainId);
        var winner = _activations.GetOrAdd(grainId, candidate);
        if (ReferenceEquals(winner, candidate))
        {
            candidate.StartActivation();
        }

        return winner;
    }

    /// <summary>Removes <paramref name="activation"/> if it is still the one registered for its id.</summary>
    public void Remove(ActivationData activation)
    {
        if (activation.WorkerPool is { } pool)
        {
            pool.Remove(activation);
        }
        else
        {
            _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));
        }
    }
}
