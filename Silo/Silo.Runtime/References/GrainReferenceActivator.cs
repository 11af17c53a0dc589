using System.Collections.Concurrent;
using System.Reflection;
using Silo.Runtime.Identity;
using Silo.Runtime.Messaging;

namespace Silo.Runtime.References;

/// <summary>Creates proxies: one generated proxy class per interface, validated once, then a clone of a blank prototype.</summary>
sealed class GrainReferenceActivator(GrainCallDispatcher dispatcher)
{
    static readonly ConcurrentDictionary<Type, Func<GrainReference>> s_constructors = new();

    public GrainReference Create(Type interfaceType, GrainId grainId)
    {
        var construct = s_constructors.TryGetValue(interfaceType, out var known) ? known : s_constructors.GetOrAdd(interfaceType, CreateConstructor);
        var reference = construct();
        reference.Initialize(dispatcher, grainId, interfaceType);
        return reference;
    }

    static Func<GrainReference> CreateConstructor(Type interfaceType)
    {
        var errors = GrainInterfaceValidator.Validate(interfaceType).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{interfaceType} cannot be called through a reference: {string.Join(" ", errors)}");
        }

        // The generated proxy class takes its method table as a constructor argument that only DispatchProxy knows, and
        // DispatchProxy.Create goes through reflection every time (about a microsecond). A blank prototype cloned field by
        // field is the same object for a few nanoseconds.
        var prototype = (GrainReference)DispatchProxy.Create(interfaceType, typeof(GrainReference));
        return prototype.CloneBlank;
    }
}
