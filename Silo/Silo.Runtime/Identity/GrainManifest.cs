using System.Collections.Frozen;
using System.Reflection;
using Silo.Runtime.Activation;

namespace Silo.Runtime.Identity;

/// <summary>
/// The grain classes and interfaces found in the configured assemblies, validated once at startup: every grain
/// interface method asynchronous, grain type names unique, each interface mapped to the classes that implement it.
/// </summary>
sealed class GrainManifest
{
    readonly FrozenDictionary<GrainType, GrainClassInfo> _classes;
    readonly FrozenDictionary<Type, GrainClassInfo[]> _implementations;

    GrainManifest(FrozenDictionary<GrainType, GrainClassInfo> classes, FrozenDictionary<Type, GrainClassInfo[]> implementations)
    {
        _classes = classes;
        _implementations = implementations;
    }

    public IEnumerable<GrainClassInfo> Classes => _classes.Values;

    public static GrainManifest Build(IEnumerable<Assembly> assemblies)
    {
        var errors = new List<string>();
        var classes = new Dictionary<GrainType, GrainClassInfo>();
        var implementations = new Dictionary<Type, List<GrainClassInfo>>();
        var interfaces = new HashSet<Type>();

        foreach (var type in assemblies.Distinct().SelectMany(LoadableTypes))
        {
            if (type.IsInterface && typeof(IAddressable).IsAssignableFrom(type) && type.Assembly != typeof(IGrain).Assembly)
            {
                interfaces.Add(type);
            }

            if (!type.IsClass || type.IsAbstract || !typeof(Grain).IsAssignableFrom(type))
            {
                continue;
            }

            if (type.ContainsGenericParameters)
            {
                errors.Add($"{type} is an open generic grain class; grain classes must be closed types.");
                continue;
            }

            GrainClassInfo info;
            try
            {
                info = new GrainClassInfo(type, GrainTypeNames.For(type));
            }
            catch (InvalidOperationException e)
            {
                errors.Add(e.Message);
                continue;
            }

            if (!classes.TryAdd(info.GrainType, info))
            {
                errors.Add($"{type} and {classes[info.GrainType].ClassType} share the grain type name '{info.GrainType}'; rename one with [GrainType].");
                continue;
            }

            foreach (var grainInterface in GrainInterfacesOf(type))
            {
                interfaces.Add(grainInterface);
                if (!implementations.TryGetValue(grainInterface, out var list))
                {
                    implementations[grainInterface] = list = [];
                }

                list.Add(info);
            }
        }

        errors.AddRange(interfaces.SelectMany(GrainInterfaceValidator.Validate).Distinct());
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The grain assemblies are not valid:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        return new GrainManifest(classes.ToFrozenDictionary(), implementations.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
    }

    public bool TryGetClass(GrainType grainType, out GrainClassInfo info) => _classes.TryGetValue(grainType, out info!);

    public GrainClassInfo GetClass(GrainType grainType) =>
        _classes.TryGetValue(grainType, out var info)
            ? info
            : throw new InvalidOperationException($"No grain class has the grain type '{grainType}'; is its assembly in SiloOptions.GrainAssemblies?");

    /// <summary>The grain type behind <paramref name="grainInterface"/>: exactly one class must implement it.</summary>
    public GrainType ResolveGrainType(Type grainInterface)
    {
        if (_implementations.TryGetValue(grainInterface, out var classes) && classes.Length == 1)
        {
            return classes[0].GrainType;
        }

        if (classes is null)
        {
            throw new InvalidOperationException(
                $"No grain class implements {grainInterface}; add the assembly of its implementation to SiloOptions.GrainAssemblies.");
        }

        throw new InvalidOperationException(
            $"{grainInterface} is implemented by several grain classes ({string.Join(", ", classes.Select(c => c.ClassType.Name))}); "
            + "get the grain through an interface only one class implements.");
    }

    static IEnumerable<Type> GrainInterfacesOf(Type grainClass) =>
        grainClass.GetInterfaces().Where(i => typeof(IGrain).IsAssignableFrom(i) && i.Assembly != typeof(IGrain).Assembly
            || i == typeof(global::Silo.Reminders.IRemindable));

    static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
