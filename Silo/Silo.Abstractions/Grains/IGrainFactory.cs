namespace Silo;

/// <summary>
/// Hands out grain references. Getting a reference is cheap and activates nothing; the grain is activated by its first call.
/// </summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey;

    TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey;

    TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey;

    TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension)
        where TGrainInterface : IGrainWithGuidCompoundKey;

    TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension)
        where TGrainInterface : IGrainWithIntegerCompoundKey;

    /// <summary>A reference to an existing identity, e.g. one read back from storage. The grain class named by
    /// <paramref name="grainId"/> must implement <typeparamref name="TGrainInterface"/>.</summary>
    TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable;

    /// <summary>Makes a local object addressable so that grains can call it back.
    /// The caller keeps a strong reference to <paramref name="observer"/> for as long as it wants calls.</summary>
    TObserverInterface CreateObjectReference<TObserverInterface>(IGrainObserver observer)
        where TObserverInterface : IGrainObserver;

    void DeleteObjectReference<TObserverInterface>(IGrainObserver observer)
        where TObserverInterface : IGrainObserver;
}
