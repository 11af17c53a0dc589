using Silo.Hosting;
using Silo.Runtime.Activation;

namespace Silo.Runtime.Catalog;

/// <summary>
/// The local activations of one [StatelessWorker] grain id. Each worker is single-threaded like any activation; a call
/// goes to an idle worker, else to a new one while under the limit, else to the least busy. Idle workers are
/// collected like other activations.
/// </summary>
sealed class StatelessWorkerPool(SiloRuntime runtime, GrainClassInfo grainClass, GrainId grainId, int limit)
{
    readonly Lock _lock = new();
    ActivationData[] _workers = [];

    public IReadOnlyList<ActivationData> Workers => Volatile.Read(ref _workers);

    public ActivationData Pick()
    {
        var workers = Volatile.Read(ref _workers);
        ActivationData? leastBusy = null;
        var lowestLoad = int.MaxValue;
        foreach (var worker in workers)
        {
            var load = worker.Load;
            if (load == 0)
            {
                return worker;
            }

            if (load < lowestLoad)
            {
                (leastBusy, lowestLoad) = (worker, load);
            }
        }

        if (workers.Length < limit || leastBusy is null)
        {
            lock (_lock)
            {
                if (_workers.Length < limit)
                {
                    runtime.ThrowIfStopped(grainId);
                    var worker = new ActivationData(runtime, grainClass, grainId, this);
                    _workers = [.. _workers, worker];
                    worker.StartActivation();
                    return worker;
                }

                leastBusy ??= _workers.MinBy(w => w.Load)!;
            }
        }

        return leastBusy;
    }

    public void Remove(ActivationData worker)
    {
        lock (_lock)
        {
            _workers = [.. _workers.Where(w => !ReferenceEquals(w, worker))];
        }
    }
}
