using Orleans;
using Orleans.Concurrency;

namespace Flattr.Live;

/// <summary>
/// Every thing's count changes in one place (singleton, key <see cref="Singletons.Key"/>), for trending and the public
/// front page. Best effort, not durable: observers re-subscribe every ~30 s (subscriptions lapse after one minute).
/// </summary>
[Alias("Flattr.ILiveFeedGrain")]
public interface ILiveFeedGrain : IGrainWithIntegerKey
{
    Task Watch(IThingObserver observer);

    Task Unwatch(IThingObserver observer);

    [OneWay]
    Task Publish(ThingCountChanged change);
}
