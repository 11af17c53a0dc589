using System.Collections.Concurrent;

namespace Silo.Observers;

/// <summary>
/// The subscribers of a grain. A subscription expires unless renewed within <see cref="ExpirationDuration"/>;
/// an observer whose notification throws is dropped. Use from grain code (one turn at a time).
/// </summary>
public sealed class ObserverManager<TObserver>(TimeSpan expirationDuration, TimeProvider timeProvider)
    where TObserver : class, IGrainObserver
{
    // Observer references compare by identity of the observed object, so a renewed subscription through an equal reference replaces the old one.
    readonly ConcurrentDictionary<TObserver, DateTimeOffset> _subscribers = new();

    public TimeSpan ExpirationDuration { get; } = expirationDuration;

    public int Count => _subscribers.Count;

    /// <summary>Adds or renews a subscription.</summary>
    public void Subscribe(TObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _subscribers[observer] = timeProvider.GetUtcNow();
    }

    public void Unsubscribe(TObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _subscribers.TryRemove(observer, out _);
    }

    public void Clear() => _subscribers.Clear();

    /// <summary>Calls every live observer; expired and failing observers are removed.</summary>
    public async Task Notify(Func<TObserver, Task> notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (_subscribers.IsEmpty)
        {
            return;
        }

        // One pass that drops the expired and calls the rest; the dictionary's own enumerator takes no locks and copies
        // nothing (its Keys property would do both, on every notification).
        var cutoff = timeProvider.GetUtcNow() - ExpirationDuration;
        List<KeyValuePair<TObserver, DateTimeOffset>>? expired = null;
        List<TObserver>? failed = null;
        foreach (var subscription in _subscribers)
        {
            var observer = subscription.Key;
            if (subscription.Value < cutoff)
            {
                (expired ??= []).Add(subscription);
                continue;
            }

            try
            {
                await notification(observer);
            }
#pragma warning disable CA1031 // A failing observer is dropped, whatever it threw: that is the contract.
            catch (Exception)
#pragma warning restore CA1031
            {
                (failed ??= []).Add(observer);
            }
        }

        // An expired subscription renewed while the others were being notified stays.
        foreach (var subscription in expired ?? [])
        {
            _subscribers.TryRemove(subscription);
        }

        foreach (var observer in failed ?? [])
        {
            _subscribers.TryRemove(observer, out _);
        }
    }
}
