using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Numerics;
using System.Reflection;
using Silo.Concurrency;

namespace Silo.Runtime.Copying;

/// <summary>
/// Decides which types are safe to share between caller and grain: primitives, strings, enums, Guid, dates and times,
/// grain references, [Immutable] types, immutable collections of immutable elements, and types (records in
/// particular) whose fields are all read-only and immutable. Everything else is deep-copied.
/// </summary>
static class TypeImmutability
{
    const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    static readonly ConcurrentDictionary<Type, bool> s_runtimeTypes = new();
    static readonly ConcurrentDictionary<Type, bool> s_declaredTypes = new();

    static readonly FrozenSet<Type> s_knownImmutable = new[]
    {
        typeof(string), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(Guid),
        typeof(DateOnly), typeof(TimeOnly), typeof(Uri), typeof(Version), typeof(BigInteger), typeof(CancellationToken),
        typeof(object), typeof(DBNull), typeof(Half), typeof(Int128), typeof(UInt128),
    }.ToFrozenSet();

    static readonly FrozenSet<Type> s_immutableCollections = new[]
    {
        typeof(ImmutableArray<>), typeof(ImmutableList<>), typeof(ImmutableHashSet<>), typeof(ImmutableSortedSet<>),
        typeof(ImmutableQueue<>), typeof(ImmutableStack<>), typeof(ImmutableDictionary<,>), typeof(ImmutableSortedDictionary<,>),
        typeof(FrozenSet<>), typeof(FrozenDictionary<,>),
    }.ToFrozenSet();

    /// <summary>Whether a value whose runtime type is exactly <paramref name="type"/> can be shared.</summary>
    public static bool IsImmutable(Type type) =>
        s_runtimeTypes.TryGetValue(type, out var known) ? known : s_runtimeTypes.GetOrAdd(type, Compute(type, []));

    /// <summary>Whether any value of a parameter or field declared as <paramref name="type"/> can be shared without looking at it:
    /// the type is immutable and no mutable subclass can hide behind it.</summary>
    public static bool IsImmutableDeclaredType(Type type) =>
        s_declaredTypes.TryGetValue(type, out var known) ? known : s_declaredTypes.GetOrAdd(type, ComputeDeclared(type, []));

    static bool ComputeDeclared(Type type, HashSet<Type> visiting)
    {
        if (typeof(IAddressable).IsAssignableFrom(type) && type.IsInterface)
        {
            // A grain or observer interface: the value is a reference. (A local observer object is converted by CreateObjectReference.)
            return typeof(IGrain).IsAssignableFrom(type);
        }

        if (type == typeof(object) || type.IsInterface || (type.IsAbstract && !IsImmutableCollection(type, out _)))
        {
            return false;
        }

        var closed = type.IsValueType || type.IsSealed || type.IsDefined(typeof(ImmutableAttribute), false) || IsRecord(type)
            || IsImmutableCollection(type, out _) || s_knownImmutable.Contains(type);
        return closed && Compute(type, visiting);
    }

    static bool Compute(Type type, HashSet<Type> visiting)
    {
        if (type.IsPrimitive || type.IsEnum || type.IsPointer || s_knownImmutable.Contains(type))
        {
            return true;
        }

        if (type.IsArray || type.IsByRef || type.ContainsGenericParameters)
        {
            return false;
        }

        if (typeof(IGrainReference).IsAssignableFrom(type) || typeof(Delegate).IsAssignableFrom(type)
            || typeof(MemberInfo).IsAssignableFrom(type) || typeof(Exception).IsAssignableFrom(type) || typeof(Task).IsAssignableFrom(type))
        {
            // References are immutable by design; delegates, reflection objects, exceptions and tasks are shared, never cloned.
            return true;
        }

        if (typeof(Grain).IsAssignableFrom(type))
        {
            return false;
        }

        if (type.IsDefined(typeof(ImmutableAttribute), false))
        {
            return true;
        }

        if (IsImmutableCollection(type, out var elementTypes))
        {
            return elementTypes.All(t => visiting.Contains(t) || ComputeDeclared(t, visiting));
        }

        if (!visiting.Add(type))
        {
            // A type that refers to itself: judged by its other fields.
            return true;
        }

        for (var current = type; current is not null && current != typeof(object) && current != typeof(ValueType); current = current.BaseType)
        {
            foreach (var field in current.GetFields(InstanceFields))
            {
                // A struct is copied by value, so only what its fields point to matters; a class must also be read-only.
                if (!type.IsValueType && !field.IsInitOnly)
                {
                    return false;
                }

                if (!ComputeDeclared(field.FieldType, visiting))
                {
                    return false;
                }
            }
        }

        return true;
    }

    static bool IsImmutableCollection(Type type, out Type[] elementTypes)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && s_immutableCollections.Contains(current.GetGenericTypeDefinition()))
            {
                elementTypes = current.GetGenericArguments();
                return true;
            }
        }

        elementTypes = [];
        return false;
    }

    // The compiler gives every record a clone method named "<Clone>$".
    static bool IsRecord(Type type) => type.IsClass && type.GetMethod("<Clone>$") is not null;
}
