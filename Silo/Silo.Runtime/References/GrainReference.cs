using System.ComponentModel;
using System.Reflection;
using Silo.Runtime.Activation;
using Silo.Runtime.Messaging;

namespace Silo.Runtime.References;

/// <summary>
/// The base of every grain and observer proxy. A reference is a grain id and an interface: cheap to create, equal to
/// every other reference with the same id, usable across deactivations, and activates nothing until called.
/// Public only because proxies are generated at run time in another assembly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public class GrainReference : DispatchProxy, IGrainReference
{
    GrainCallDispatcher? _dispatcher;

    public GrainId GrainId { get; private set; }

    public Type InterfaceType { get; private set; } = typeof(IAddressable);

    /// <summary>The activation the last call went to; a hint that saves a directory lookup while it stays valid.</summary>
    internal ActivationData? CachedActivation { get; set; }

    internal void Initialize(GrainCallDispatcher dispatcher, GrainId grainId, Type interfaceType)
    {
        _dispatcher = dispatcher;
        GrainId = grainId;
        InterfaceType = interfaceType;
    }

    /// <summary>A copy of this proxy with nothing set: the cheap way to make another proxy of the same generated class.</summary>
    internal GrainReference CloneBlank()
    {
        var clone = (GrainReference)MemberwiseClone();
        clone._dispatcher = null;
        clone.GrainId = default;
        clone.InterfaceType = typeof(IAddressable);
        clone.CachedActivation = null;
        return clone;
    }

    public override bool Equals(object? obj) => obj is GrainReference other && other.GrainId == GrainId;

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => $"{InterfaceType.Name}:{GrainId}";

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return _dispatcher!.Invoke(this, targetMethod, args);
    }
}
