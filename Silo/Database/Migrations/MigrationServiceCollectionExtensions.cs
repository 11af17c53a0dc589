using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flattr.Silo.Database.Migrations;

public static class MigrationServiceCollectionExtensions
{
    /// <summary>Registers a module whose scripts the host applies at start-up (in registration order of modules).</summary>
    public static IServiceCollection AddMigrationModule(this IServiceCollection services, IMigrationModule module)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(module);
        if (!services.Any(d => d.ServiceType == typeof(IMigrationModule) && Equals(d.ImplementationInstance, module)))
        {
            services.AddSingleton(module);
        }

        return services.AddMigrationsAtStartup();
    }

    /// <inheritdoc cref="AddMigrationModule(IServiceCollection, IMigrationModule)"/>
    public static IServiceCollection AddMigrationModule(this IServiceCollection services, string name, Assembly assembly, string resourcePrefix) =>
        services.AddMigrationModule(new MigrationModule(name, assembly, resourcePrefix));

    /// <summary>
    /// Registers <see cref="MigrationHostedService"/> once, as the very first hosted service, so that the schema exists
    /// before anything else starts, whatever the order in which the application added its services.
    /// </summary>
    public static IServiceCollection AddMigrationsAtStartup(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(MigrationHostedService)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrationHostedService>());
        }

        return services;
    }
}
