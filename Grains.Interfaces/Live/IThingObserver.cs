using Orleans;
using Orleans.Concurrency;

namespace Flattr.Live;

/// <summary>Receives count changes of the things it watches (through <c>IThingGrain.Watch</c> or <see cref="ILiveFeedGrain.Watch"/>).</summary>
[Alias("Flattr.IThingObserver")]
public interface IThingObserver : IGrainObserver
{
    /// <summary>
    /// One-way: live pushes are best effort, and the thing or feed grain does not wait for a watching host (a watcher that
    /// stops renewing lapses after a minute).
    /// </summary>
    [OneWay]
    Task OnCountChanged(ThingCountChanged change);
}
