using System.Collections.Concurrent;
using System.Reflection;
using Silo.Runtime.Messaging;

namespace Silo.Runtime.Copying;

/// <summary>
/// Isolates callers from grains: arguments and results are deep-copied unless their type is immutable
/// (see <see cref="TypeImmutability"/>), so neither side can change the other's objects after a call.
/// Object identity inside one copied graph is preserved.
/// </summary>
static class DeepCopier
{
    delegate object Copier(object original, CopyContext context);

    const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    static readonly ConcurrentDictionary<Type, Copier?> s_copiers = new();
    static readonly Func<object, object> s_memberwiseClone = typeof(object)
        .GetMethod(nameof(MemberwiseClone), BindingFlags.Instance | BindingFlags.NonPublic)!
        .CreateDelegate<Func<object, object>>();

    static readonly MethodInfo s_copyList = Helper(nameof(CopyList));
    static readonly MethodInfo s_copyDictionary = Helper(nameof(CopyDictionary));
    static readonly MethodInfo s_copyHashSet = Helper(nameof(CopyHashSet));

    /// <summary>A copy of <paramref name="value"/> that shares nothing mutable with it, or the value itself when it is immutable.</summary>
    public static T? Copy<T>(T? value) => value is null ? value : (T)CopyObject(value)!;

    public static object? CopyObject(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var copier = CopierFor(value.GetType());
        return copier is null ? value : copier(value, new CopyContext());
    }

    /// <summary>Replaces, in place, the arguments of a call that need copying.</summary>
    public static void CopyArguments(GrainMethod method, object?[] arguments)
    {
        CopyContext? context = null;
        var needsCopy = method.ArgumentNeedsCopy;
        for (var i = 0; i < arguments.Length; i++)
        {
            if (needsCopy[i] && arguments[i] is { } argument)
            {
                arguments[i] = CopyNested(argument, context ??= new CopyContext());
            }
        }
    }

    static object CopyNested(object value, CopyContext context)
    {
        var copier = CopierFor(value.GetType());
        if (copier is null)
        {
            return value;
        }

        return context.TryGetCopy(value, out var known) ? known : copier(value, context);
    }

    static Copier? CopierFor(Type type) =>
        s_copiers.TryGetValue(type, out var copier) ? copier : s_copiers.GetOrAdd(type, CreateCopier);

    static Copier? CreateCopier(Type type)
    {
        if (typeof(IAddressable).IsAssignableFrom(type) && !typeof(IGrainReference).IsAssignableFrom(type))
        {
            return (_, _) => throw new InvalidOperationException(typeof(Grain).IsAssignableFrom(type)
                ? $"A {type.Name} grain instance was passed in a call; pass a reference (this.AsReference<T>()) instead."
                : $"A local {type.Name} observer was passed in a call; pass the reference from IGrainFactory.CreateObjectReference instead.");
        }

        if (TypeImmutability.IsImmutable(type))
        {
            return null;
        }

        if (type.IsArray)
        {
            return ArrayCopier(type);
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var helper = definition == typeof(List<>) ? s_copyList
                : definition == typeof(Dictionary<,>) ? s_copyDictionary
                : definition == typeof(HashSet<>) ? s_copyHashSet
                : null;
            if (helper is not null)
            {
                return helper.MakeGenericMethod(type.GetGenericArguments()).CreateDelegate<Copier>();
            }
        }

        return MemberwiseCopier(type);
    }

    static Copier ArrayCopier(Type type)
    {
        var elementType = type.GetElementType()!;
        if (TypeImmutability.IsImmutableDeclaredType(elementType))
        {
            return static (original, context) =>
            {
                var copy = ((Array)original).Clone();
                context.Record(original, copy);
                return copy;
            };
        }

        return static (original, context) =>
        {
            var source = (Array)original;
            var copy = (Array)source.Clone();
            context.Record(original, copy);
            if (copy.Rank == 1 && copy is object?[] references)
            {
                for (var i = 0; i < references.Length; i++)
                {
                    if (references[i] is { } element)
                    {
                        references[i] = CopyNested(element, context);
                    }
                }

                return copy;
            }

            var indices = new int[copy.Rank];
            for (var flat = 0; flat < copy.Length; flat++)
            {
                var rest = flat;
                for (var dimension = copy.Rank - 1; dimension >= 0; dimension--)
                {
                    var length = copy.GetLength(dimension);
                    indices[dimension] = copy.GetLowerBound(dimension) + (rest % length);
                    rest /= length;
                }

                if (copy.GetValue(indices) is { } element)
                {
                    copy.SetValue(CopyNested(element, context), indices);
                }
            }

            return copy;
        };
    }

    static Copier MemberwiseCopier(Type type)
    {
        var fields = new List<FieldInfo>();
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            fields.AddRange(current.GetFields(InstanceFields).Where(f => !TypeImmutability.IsImmutableDeclaredType(f.FieldType)));
        }

        var mutableFields = fields.ToArray();
        return (original, context) =>
        {
            var copy = s_memberwiseClone(original);
            context.Record(original, copy);
            foreach (var field in mutableFields)
            {
                if (field.GetValue(original) is { } value)
                {
                    field.SetValue(copy, CopyNested(value, context));
                }
            }

            return copy;
        };
    }

    static object CopyList<T>(object original, CopyContext context)
    {
        var source = (List<T>)original;
        var copy = new List<T>(source.Count);
        context.Record(original, copy);
        foreach (var item in source)
        {
            copy.Add(item is null ? item : (T)CopyNested(item, context));
        }

        return copy;
    }

    static object CopyDictionary<TKey, TValue>(object original, CopyContext context)
        where TKey : notnull
    {
        var source = (Dictionary<TKey, TValue>)original;
        var copy = new Dictionary<TKey, TValue>(source.Count, source.Comparer);
        context.Record(original, copy);
        foreach (var (key, value) in source)
        {
            copy.Add((TKey)CopyNested(key, context), value is null ? value : (TValue)CopyNested(value, context));
        }

        return copy;
    }

    static object CopyHashSet<T>(object original, CopyContext context)
    {
        var source = (HashSet<T>)original;
        var copy = new HashSet<T>(source.Count, source.Comparer);
        context.Record(original, copy);
        foreach (var item in source)
        {
            copy.Add(item is null ? item : (T)CopyNested(item, context));
        }

        return copy;
    }

    static MethodInfo Helper(string name) => typeof(DeepCopier).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;
}
