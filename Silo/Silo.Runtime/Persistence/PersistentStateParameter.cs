using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Silo.Persistence;

namespace Silo.Runtime.Persistence;

/// <summary>A grain constructor parameter marked [PersistentState]: which state, in which storage, of which type.</summary>
sealed class PersistentStateParameter
{
    static readonly MethodInfo s_createBridge = typeof(PersistentStateParameter)
        .GetMethod(nameof(CreateBridge), BindingFlags.NonPublic | BindingFlags.Static)!;

    readonly Func<string, GrainId, IGrainStorage, IStateBridge> _create;

    public PersistentStateParameter(ParameterInfo parameter, PersistentStateAttribute attribute)
    {
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
        {
            throw new InvalidOperationException(
                $"Parameter '{parameter.Name}' of {parameter.Member.DeclaringType} is marked [PersistentState] but is a {type}, not an IPersistentState<T>.");
        }

        if (string.IsNullOrWhiteSpace(attribute.StateName))
        {
            throw new InvalidOperationException($"Parameter '{parameter.Name}' of {parameter.Member.DeclaringType} needs a state name in [PersistentState].");
        }

        ParameterType = type;
        StateName = attribute.StateName;
        StorageName = attribute.StorageName;
        _create = s_createBridge.MakeGenericMethod(type.GetGenericArguments()[0])
            .CreateDelegate<Func<string, GrainId, IGrainStorage, IStateBridge>>();
    }

    public Type ParameterType { get; }

    public string StateName { get; }

    /// <summary>Null for the default <see cref="IGrainStorage"/>; otherwise the key of a keyed service.</summary>
    public string? StorageName { get; }

    public IStateBridge Create(GrainId grainId, IServiceProvider services)
    {
        var storage = StorageName is null
            ? services.GetService<IGrainStorage>()
            : services.GetKeyedService<IGrainStorage>(StorageName);
        if (storage is null)
        {
            throw new InvalidOperationException(StorageName is null
                ? $"State '{StateName}' of {grainId} needs an IGrainStorage; none is registered."
                : $"State '{StateName}' of {grainId} needs the IGrainStorage keyed '{StorageName}'; register it with AddKeyedSingleton<IGrainStorage>(\"{StorageName}\", …).");
        }

        return _create(StateName, grainId, storage);
    }

    static IStateBridge CreateBridge<TState>(string stateName, GrainId grainId, IGrainStorage storage)
        where TState : new() => new PersistentStateBridge<TState>(stateName, grainId, storage);
}
