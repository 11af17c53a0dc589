using Silo.Observers;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Grains;

public interface IChatObserver : IGrainObserver
{
    Task Receive(string message);
}

public interface IChatRoomGrain : IGrainWithStringKey
{
    Task Subscribe(IChatObserver observer);

    Task Unsubscribe(IChatObserver observer);

    Task<int> Publish(string message);

    Task<int> SubscriberCount();
}

/// <summary>The usual observer pattern: an ObserverManager with a one-minute expiry on the silo's clock.</summary>
public sealed class ChatRoomGrain : Grain, IChatRoomGrain
{
    readonly ObserverManager<IChatObserver> _observers;

    public ChatRoomGrain() => _observers = new(TimeSpan.FromMinutes(1), TimeProvider);

    public Task Subscribe(IChatObserver observer)
    {
        _observers.Subscribe(observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IChatObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task<int> Publish(string message)
    {
        await _observers.Notify(o => o.Receive(message));
        return _observers.Count;
    }

    public Task<int> SubscriberCount() => Task.FromResult(_observers.Count);
}

public interface IObserverCallerGrain : IGrainWithStringKey
{
    Task Send(IChatObserver observer, string message);
}

public sealed class ObserverCallerGrain : Grain, IObserverCallerGrain
{
    public Task Send(IChatObserver observer, string message) => observer.Receive(message);
}

/// <summary>A client-side observer that records what it gets and how many calls were ever inside it at once.</summary>
public sealed class RecordingObserver(GrainProbe? probe = null, bool slow = false, bool throws = false) : IChatObserver
{
    readonly List<string> _received = [];
    int _inside;

    public int MaxInside { get; private set; }

    public IReadOnlyList<string> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public async Task Receive(string message)
    {
        MaxInside = Math.Max(MaxInside, Interlocked.Increment(ref _inside));
        if (slow)
        {
            await Task.Delay(5);
        }

        lock (_received)
        {
            _received.Add(message);
        }

        Interlocked.Decrement(ref _inside);
        probe?.Increment("observed");
        if (throws)
        {
            throw new InvalidOperationException("This observer always fails.");
        }
    }
}
