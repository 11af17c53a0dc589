using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Silo.Runtime.Identity;
using Silo.Runtime.Messaging;
using Silo.Runtime.References;

namespace Silo.Runtime.Observers;

/// <summary>The local objects made addressable in this silo. One object keeps one id, whichever interface it is referenced by.</summary>
sealed class ObserverRegistry(GrainReferenceActivator references)
{
    readonly ConcurrentDictionary<GrainId, ObserverTarget> _targets = new();
    readonly ConditionalWeakTable<object, ObserverTarget> _byObject = new();
    readonly Lock _creating = new();

    public int Count => _targets.Count;

    public GrainReference CreateReference(Type interfaceType, IGrainObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (!interfaceType.IsInterface || !typeof(IGrainObserver).IsAssignableFrom(interfaceType))
        {
            throw new ArgumentException($"{interfaceType} is not an observer interface.", nameof(interfaceType));
        }

        if (observer is IGrainReference existing)
        {
            return existing is GrainReference reference && interfaceType.IsInstanceOfType(reference)
                ? reference
                : throw new ArgumentException($"{observer} is already a reference, and not to {interfaceType}.", nameof(observer));
        }

        if (!interfaceType.IsInstanceOfType(observer))
        {
            throw new ArgumentException($"{observer.GetType()} does not implement {interfaceType}.", nameof(observer));
        }

        ObserverTarget target;
        lock (_creating)
        {
            if (!_byObject.TryGetValue(observer, out target!) || !_targets.ContainsKey(target.GrainId))
            {
                target = new ObserverTarget(new GrainId(GrainTypeNames.Observer, GrainKey.FromGuid(Guid.NewGuid())), observer);
                _byObject.AddOrUpdate(observer, target);
                _targets[target.GrainId] = target;
            }
        }

        return references.Create(interfaceType, target.GrainId);
    }

    /// <summary>Deletes by reference or by the observed object; unknown observers are ignored.</summary>
    public void Delete(IGrainObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ObserverTarget? target = null;
        lock (_creating)
        {
            if (observer is IGrainReference reference)
            {
                _targets.TryGetValue(reference.GrainId, out target);
            }
            else
            {
                _byObject.TryGetValue(observer, out target);
                _byObject.Remove(observer);
            }

            if (target is not null)
            {
                _targets.TryRemove(target.GrainId, out _);
            }
        }

        target?.Delete();
    }

    public void Dispatch(GrainRequest request)
    {
        if (_targets.TryGetValue(request.Target, out var target))
        {
            target.Enqueue(request);
        }
        else
        {
            request.Reject(new InvalidOperationException($"The observer {request.Target} was deleted or garbage-collected; subscribe a new reference."));
        }
    }

    /// <summary>Forgets observers whose objects were garbage-collected.</summary>
    public void RemoveCollected()
    {
        foreach (var target in _targets.Values)
        {
            if (!target.IsAlive && _targets.TryRemove(target.GrainId, out _))
            {
                target.Delete();
            }
        }
    }
}
