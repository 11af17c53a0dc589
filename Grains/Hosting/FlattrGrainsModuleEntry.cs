using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

[assembly: Flattr.Hosting.FlattrGrainsModule(typeof(Flattr.Hosting.FlattrGrainsModuleEntry))]

namespace Flattr.Hosting;

/// <summary>What hosts find by name (<see cref="FlattrGrainsModule.Load"/>): <see cref="FlattrGrainsRegistration.AddFlattrGrains"/>.</summary>
public sealed class FlattrGrainsModuleEntry : IFlattrGrainsModule
{
    public void AddFlattrGrains(IServiceCollection services, IConfiguration configuration) =>
        FlattrGrainsRegistration.AddFlattrGrains(services, configuration);
}
