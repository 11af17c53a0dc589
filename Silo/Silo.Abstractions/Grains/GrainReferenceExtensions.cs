namespace Silo;

/// <summary>Orleans-style helpers to get identities and references from grains and references.</summary>
public static class GrainReferenceExtensions
{
    /// <summary>The identity of a grain, whether <paramref name="grain"/> is a reference or the grain itself.</summary>
    public static GrainId GetGrainId(this IAddressable grain) => grain switch
    {
        IGrainReference reference => reference.GrainId,
        Grain instance => instance.GrainId,
        null => throw new ArgumentNullException(nameof(grain)),
        _ => throw new ArgumentException(
            $"{grain.GetType()} is neither a grain nor a grain reference; local observers need IGrainFactory.CreateObjectReference first.",
            nameof(grain)),
    };

    /// <summary>A reference to this grain for <typeparamref name="TGrainInterface"/>, to hand to other grains or observers.
    /// Never pass <c>this</c> itself: callers must go through a reference so that calls are scheduled.</summary>
    public static TGrainInterface AsReference<TGrainInterface>(this Grain grain)
        where TGrainInterface : IAddressable
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain.Context.GrainFactory.GetGrain<TGrainInterface>(grain.GrainId);
    }
}
