using System.Reflection;
using Silo.Concurrency;

namespace Silo.Runtime.Identity;

/// <summary>Checks that an interface can be called through a reference: asynchronous methods only, no properties, no by-ref parameters.</summary>
static class GrainInterfaceValidator
{
    /// <summary>Every problem with <paramref name="interfaceType"/> and the interfaces it extends, one sentence each.</summary>
    public static IEnumerable<string> Validate(Type interfaceType)
    {
        if (!interfaceType.IsInterface)
        {
            yield return $"{interfaceType} is not an interface.";
            yield break;
        }

        if (interfaceType.ContainsGenericParameters)
        {
            yield return $"{interfaceType} is an open generic interface; use a closed one.";
            yield break;
        }

        foreach (var type in interfaceType.GetInterfaces().Prepend(interfaceType))
        {
            if (type.Assembly == typeof(IGrain).Assembly && type != typeof(global::Silo.Reminders.IRemindable))
            {
                continue;
            }

            if (type.GetProperties().Length > 0 || type.GetEvents().Length > 0)
            {
                yield return $"{type} declares properties or events; grain interfaces may only declare asynchronous methods.";
            }

            foreach (var method in type.GetMethods())
            {
                if (!method.IsSpecialName && ValidateMethod(method) is { } error)
                {
                    yield return error;
                }
            }
        }
    }

    /// <summary>The problem with one interface method, or null.</summary>
    public static string? ValidateMethod(MethodInfo method)
    {
        var name = $"{method.DeclaringType}.{method.Name}";
        if (method.IsStatic)
        {
            return null;
        }

        if (Classify(method.ReturnType) is null)
        {
            return $"{name} returns {method.ReturnType}; grain interface methods must return Task, Task<T>, ValueTask or ValueTask<T>.";
        }

        if (method.GetParameters().FirstOrDefault(p => p.ParameterType.IsByRef) is { } byRef)
        {
            return $"{name} takes parameter '{byRef.Name}' by reference; grain calls pass arguments by value.";
        }

        if (method.IsDefined(typeof(OneWayAttribute)) && method.ReturnType != typeof(Task) && method.ReturnType != typeof(ValueTask))
        {
            return $"{name} is [OneWay] but returns a value; one-way methods must return Task or ValueTask.";
        }

        if (method.GetCustomAttribute<ResponseTimeoutAttribute>() is { } timeout && timeout.Timeout <= TimeSpan.Zero)
        {
            return $"{name} has a [ResponseTimeout] of {timeout.Timeout}; it must be positive.";
        }

        return null;
    }

    /// <summary>The return shape and result type (null for no result), or null when the type is not allowed.</summary>
    public static (Messaging.ReturnKind Kind, Type? ResultType)? Classify(Type returnType)
    {
        if (returnType == typeof(Task))
        {
            return (Messaging.ReturnKind.Task, null);
        }

        if (returnType == typeof(ValueTask))
        {
            return (Messaging.ReturnKind.ValueTask, null);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return (Messaging.ReturnKind.TaskOfT, returnType.GetGenericArguments()[0]);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return (Messaging.ReturnKind.ValueTaskOfT, returnType.GetGenericArguments()[0]);
        }

        return null;
    }
}
