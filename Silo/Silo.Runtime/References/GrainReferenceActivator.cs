using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Silo.Runtime.Identity;
using Silo.Runtime.Messaging;

namespace Silo.Runtime.References;

/// <summary>Creates proxies: one generated proxy class per interface, validated and compiled once, then a plain constructor call.</summary>
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

        var proxyType = DispatchProxy.Create(interfaceType, typeof(GrainReference)).GetType();
        if (proxyType.GetConstructor(BindingFlags.Instance | BindingFlags.Public, Type.EmptyTypes) is { } constructor)
        {
            return Expression.Lambda<Func<GrainReference>>(Expression.New(constructor)).Compile();
        }

        return () => (GrainReference)DispatchProxy.Create(interfaceType, typeof(GrainReference));
    }
}
