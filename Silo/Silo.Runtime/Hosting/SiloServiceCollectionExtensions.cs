using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Silo.Persistence;
using Silo.Reminders;

namespace Silo.Hosting;

public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grain runtime: <see cref="IGrainFactory"/>, <see cref="ISiloDiagnostics"/>, a hosted service that starts
    /// the reminder service and the collector and deactivates every activation on stop, and in-memory defaults for
    /// <see cref="IGrainStorage"/>, <see cref="IReminderTable"/> and <see cref="TimeProvider"/> unless registered already.
    /// Calling it again only adds configuration.
    /// </summary>
    public static IServiceCollection AddSilo(this IServiceCollection services, Action<SiloOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SiloOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGrainStorage, InMemoryGrainStorage>();
        services.TryAddSingleton<IReminderTable, InMemoryReminderTable>();

        if (services.Any(d => d.ServiceType == typeof(SiloRuntime)))
        {
            return services;
        }

        services.AddSingleton<SiloRuntime>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<SiloRuntime>().GrainFactory);
        services.AddSingleton<ISiloDiagnostics>(sp => sp.GetRequiredService<SiloRuntime>().Diagnostics);
        services.AddSingleton<IHostedService, SiloHostedService>();
        return services;
    }
}
