using Silo;
using Silo.Observers;

namespace Flattr.Live;

/// <summary>Fans every thing's count changes out to the watchers of the whole site (trending, front page). Memory only.</summary>
public sealed class LiveFeedGrain : Grain, ILiveFeedGrain
{
    ObserverManager<IThingObserver>? _observers;

    ObserverManager<IThingObserver> Observers => _observers ??= new(TimeSpan.FromMinutes(1), TimeProvider);

    public Task Watch(IThingObserver observer)
    {
        Observers.Subscribe(observer);
        return Task.CompletedTask;
    }

    public Task Unwatch(IThingObserver observer)
    {
        Observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task Publish(ThingCountChanged change) =>
        _observers is { Count: > 0 } observers ? observers.Notify(observer => observer.OnCountChanged(change)) : Task.CompletedTask;
}
