using System.Collections.Concurrent;
using Silo.Hosting;
using Silo.Runtime.Activation;

namespace Silo.Runtime.Catalog;

/// <summary>
/// The activations of this silo by grain id. Get-or-add is atomic: concurrent first calls to a grain agree on one
/// activation, and only the one that added it starts activating it, so there is at most one activation per id.
/// </summary>
sealed class ActivationDirectory(SiloRuntime runtime)
{
    readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();

    public int Count => _activations.Count;

    public ICollection<ActivationData> Activations => _activations.Values;

    public bool TryGet(GrainId grainId, out ActivationData activation) => _activations.TryGetValue(grainId, out activation!);

    public ActivationData GetOrAdd(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        runtime.ThrowIfStopped(grainId);
        var candidate = new ActivationData(runtime, runtime.Manifest.GetClass(grainId.Type), grainId);
        var winner = _activations.GetOrAdd(grainId, candidate);
        if (ReferenceEquals(winner, candidate))
        {
            candidate.StartActivation();
        }

        return winner;
    }

    /// <summary>Removes <paramref name="activation"/> if it is still the one registered for its id.</summary>
    public void Remove(ActivationData activation) => _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));
}
