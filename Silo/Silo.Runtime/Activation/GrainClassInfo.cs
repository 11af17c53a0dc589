using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Silo.Concurrency;
using Silo.Filters;
using Silo.Persistence;
using Silo.Reminders;
using Silo.Runtime.Persistence;

namespace Silo.Runtime.Activation;

/// <summary>What the runtime knows about one grain class: its type name, scheduling attributes, persistent state
/// parameters, and a cached DI factory for its instances.</summary>
sealed class GrainClassInfo
{
    readonly Lazy<ObjectFactory> _factory;

    public GrainClassInfo(Type classType, GrainType grainType)
    {
        ClassType = classType;
        GrainType = grainType;
        IsReentrant = classType.IsDefined(typeof(ReentrantAttribute), inherit: true);
        CollectionAge = classType.GetCustomAttribute<CollectionAgeLimitAttribute>(inherit: false)?.Age;
        if (CollectionAge <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"[CollectionAgeLimit] on {classType} must be positive, not {CollectionAge}.");
        }

        StatelessWorkerLimit = classType.GetCustomAttribute<StatelessWorkerAttribute>(inherit: false) is { } worker
            ? worker.MaxLocalWorkers > 0 ? worker.MaxLocalWorkers : Environment.ProcessorCount
            : null;
        IsCallFilter = typeof(IIncomingGrainCallFilter).IsAssignableFrom(classType);
        IsRemindable = typeof(IRemindable).IsAssignableFrom(classType);
        StateParameters = FindStateParameters(classType);
        var duplicate = StateParameters.GroupBy(p => p.StateName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"{classType} has two [PersistentState] parameters named '{duplicate.Key}'.");
        }

        var argumentTypes = StateParameters.Select(p => p.ParameterType).ToArray();
        _factory = new(() => ActivatorUtilities.CreateFactory(classType, argumentTypes));
    }

    public Type ClassType { get; }

    public GrainType GrainType { get; }

    public bool IsReentrant { get; }

    /// <summary>[CollectionAgeLimit]; null means the silo's CollectionAge.</summary>
    public TimeSpan? CollectionAge { get; }

    /// <summary>[StatelessWorker]: how many local activations one id may have; null for ordinary grains.</summary>
    public int? StatelessWorkerLimit { get; }

    public bool IsCallFilter { get; }

    public bool IsRemindable { get; }

    public IReadOnlyList<PersistentStateParameter> StateParameters { get; }

    /// <summary>Constructs an instance with DI; <paramref name="states"/> fill the [PersistentState] parameters in order.</summary>
    public Grain CreateInstance(IServiceProvider services, object[] states) => (Grain)_factory.Value(services, states);

    static PersistentStateParameter[] FindStateParameters(Type classType)
    {
        var constructors = classType.GetConstructors();
        var constructor = constructors.FirstOrDefault(c => c.IsDefined(typeof(ActivatorUtilitiesConstructorAttribute)))
            ?? constructors.OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {classType} has no public constructor.");
        return [.. constructor.GetParameters()
            .Select(p => (Parameter: p, Attribute: p.GetCustomAttribute<PersistentStateAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => new PersistentStateParameter(p.Parameter, p.Attribute!))];
    }
}
