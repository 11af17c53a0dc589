using Orleans;

namespace Flattr.Live;

/// <summary>Receives count changes of the things it watches (through <c>IThingGrain.Watch</c> or <see cref="ILiveFeedGrain.Watch"/>).</summary>
[Alias("Flattr.IThingObserver")]
public interface IThingObserver : IGrainObserver
{
    Task OnCountChanged(ThingCountChanged change);
}
