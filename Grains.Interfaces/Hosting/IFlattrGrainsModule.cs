using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Hosting;

/// <summary>
/// The one entry point of the grain assembly: registers the grains with the silo, their stores, options and the
/// <c>flattr</c> schema. Hosts (web, operator commands, tests) reach it through <see cref="FlattrGrainsModule.Load"/>, so they
/// never name a grain class and need no compile-time reference to the grain assembly.
/// </summary>
public interface IFlattrGrainsModule
{
    void AddFlattrGrains(IServiceCollection services, IConfiguration configuration);
}
