using Flattr.Trending;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Utilities;

namespace Flattr.Live;

/// <summary>
/// Fans every thing's count changes out: to the trending board (<see cref="ITrendingGrain"/>, one-way) and to the watchers of the
/// whole site. Memory only.
/// </summary>
public sealed class LiveFeedGrain(TimeProvider time, ILogger<LiveFeedGrain> logger) : Grain, ILiveFeedGrain
{
    ObserverManager<IThingObserver>? _observers;

    ObserverManager<IThingObserver> Observers => _observers ??= Watchers.Create<IThingObserver>(time, logger);

    public Task Watch(IThingObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unwatch(IThingObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task Publish(ThingCountChanged change)
    {
        GrainFactory.GetTrending().Record(change).Ignore(logger);
        return _observers is { Count: > 0 } observers ? observers.Notify(observer => observer.OnCountChanged(change)) : Task.CompletedTask;
    }
}
