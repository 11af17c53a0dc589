using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Hosting;

/// <summary>Finds the grain assembly by name at run time and hands out its <see cref="IFlattrGrainsModule"/>.</summary>
public static class FlattrGrainsModule
{
    /// <summary>The grain assembly's name; it ships beside the host (the host's project references it only to copy it).</summary>
    public const string AssemblyName = "Flattr.Grains";

    public static IFlattrGrainsModule Load(string assemblyName = AssemblyName)
    {
        var assembly = Assembly.Load(new AssemblyName(assemblyName));
        var attribute = assembly.GetCustomAttribute<FlattrGrainsModuleAttribute>()
            ?? throw new InvalidOperationException($"The assembly {assemblyName} declares no [assembly: FlattrGrainsModule(...)].");
        return Activator.CreateInstance(attribute.ModuleType) as IFlattrGrainsModule
            ?? throw new InvalidOperationException($"{attribute.ModuleType} does not implement {nameof(IFlattrGrainsModule)}.");
    }

    /// <summary>Loads the grain assembly and registers everything it needs: <c>services.AddFlattrGrainsByName(configuration)</c>.</summary>
    public static IServiceCollection AddFlattrGrainsByName(this IServiceCollection services, IConfiguration configuration)
    {
        Load().AddFlattrGrains(services, configuration);
        return services;
    }
}
