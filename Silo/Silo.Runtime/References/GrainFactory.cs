using Silo.Hosting;
using Silo.Runtime.Identity;

namespace Silo.Runtime.References;

/// <summary>Hands out references. Resolving the grain class is a dictionary lookup; nothing is activated.</summary>
sealed class GrainFactory(SiloRuntime runtime) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey => Get<TGrainInterface>(GrainKey.FromString(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey => Get<TGrainInterface>(GrainKey.FromGuid(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey => Get<TGrainInterface>(GrainKey.FromInteger(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension)
        where TGrainInterface : IGrainWithGuidCompoundKey => Get<TGrainInterface>(GrainKey.FromGuid(primaryKey, keyExtension));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension)
        where TGrainInterface : IGrainWithIntegerCompoundKey => Get<TGrainInterface>(GrainKey.FromInteger(primaryKey, keyExtension));

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable
    {
        var interfaceType = typeof(TGrainInterface);
        if (!interfaceType.IsInterface)
        {
            throw new ArgumentException($"{interfaceType} is not an interface.", nameof(TGrainInterface));
        }

        if (grainId.Type == GrainTypeNames.Observer)
        {
            if (!typeof(IGrainObserver).IsAssignableFrom(interfaceType))
            {
                throw new ArgumentException($"{grainId} is an observer; {interfaceType} is not an observer interface.", nameof(grainId));
            }
        }
        else if (!runtime.Manifest.GetClass(grainId.Type).ClassType.IsAssignableTo(interfaceType))
        {
            throw new ArgumentException($"The grain class of {grainId} does not implement {interfaceType}.", nameof(grainId));
        }

        return (TGrainInterface)(object)runtime.References.Create(interfaceType, grainId);
    }

    public TObserverInterface CreateObjectReference<TObserverInterface>(IGrainObserver observer)
        where TObserverInterface : IGrainObserver =>
        (TObserverInterface)(object)runtime.Observers.CreateReference(typeof(TObserverInterface), observer);

    public void DeleteObjectReference<TObserverInterface>(IGrainObserver observer)
        where TObserverInterface : IGrainObserver => runtime.Observers.Delete(observer);

    TGrainInterface Get<TGrainInterface>(GrainKey key)
    {
        var grainType = runtime.Manifest.ResolveGrainType(typeof(TGrainInterface));
        return (TGrainInterface)(object)runtime.References.Create(typeof(TGrainInterface), new GrainId(grainType, key));
    }
}
