using System.Reflection;

namespace Silo.Hosting;

/// <summary>Configuration of one silo. Bind with <see cref="SiloServiceCollectionExtensions.AddSilo"/>.</summary>
public sealed class SiloOptions
{
    /// <summary>Namespaces stored state and reminders, so several services can share one database.</summary>
    public string ServiceId { get; set; } = "default";

    /// <summary>How long a caller waits for a response; <see cref="Concurrency.ResponseTimeoutAttribute"/> overrides it per method.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Idle time after which an activation is collected; <see cref="Concurrency.CollectionAgeLimitAttribute"/> overrides it per class.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the reminder service re-reads the reminder table.</summary>
    public TimeSpan ReminderRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Assemblies searched for grain classes and grain interfaces.</summary>
    public IList<Assembly> GrainAssemblies { get; } = [];

    public SiloOptions AddGrainAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (!GrainAssemblies.Contains(assembly))
        {
            GrainAssemblies.Add(assembly);
        }

        return this;
    }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ServiceId))
        {
            throw new InvalidOperationException("SiloOptions.ServiceId must not be empty.");
        }

        RequirePositive(ResponseTimeout, nameof(ResponseTimeout));
        RequirePositive(CollectionAge, nameof(CollectionAge));
        RequirePositive(CollectionQuantum, nameof(CollectionQuantum));
        RequirePositive(ReminderRefreshInterval, nameof(ReminderRefreshInterval));
    }

    static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"SiloOptions.{name} must be positive, not {value}.");
        }
    }
}
