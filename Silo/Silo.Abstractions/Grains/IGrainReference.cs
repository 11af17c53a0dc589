namespace Silo;

/// <summary>
/// Implemented by every grain and observer reference the runtime hands out. References are compared by <see cref="GrainId"/>:
/// two references to the same grain are equal whichever interface they were obtained for.
/// </summary>
public interface IGrainReference : IAddressable
{
    GrainId GrainId { get; }

    /// <summary>The interface this reference was obtained for.</summary>
    Type InterfaceType { get; }
}
