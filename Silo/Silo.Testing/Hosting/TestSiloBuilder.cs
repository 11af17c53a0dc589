using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Silo.Hosting;
using Silo.Postgres.Migrations;

namespace Silo.Testing.Hosting;

/// <summary>What a <see cref="TestSilo"/> hosts: grain assemblies, migration modules, silo options, extra services and configuration.</summary>
public sealed class TestSiloBuilder
{
    internal List<Assembly> GrainAssemblies { get; } = [];

    internal List<IMigrationModule> MigrationModules { get; } = [];

    internal List<Action<SiloOptions>> SiloConfigurations { get; } = [];

    internal List<Action<IServiceCollection, IConfiguration>> ServiceConfigurations { get; } = [];

    internal Dictionary<string, string?> Configuration { get; } = [];

    internal bool UsesManualTime { get; private set; } = true;

    /// <summary>The silo's service id; every row it writes carries it. Default "test".</summary>
    public string ServiceId { get; set; } = "test";

    /// <summary>Where the clock starts when the silo uses manual time (<see cref="Time.ManualTimeProvider.DefaultStart"/> by default).</summary>
    public DateTimeOffset StartTime { get; set; } = Time.ManualTimeProvider.DefaultStart;

    /// <summary>A label in the database name, to tell whose database it is; the fixture's class name by default.</summary>
    public string DatabaseLabel { get; set; } = "silo";

    public TestSiloBuilder AddGrainAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        GrainAssemblies.Add(assembly);
        return this;
    }

    /// <summary>Adds the assembly that defines <typeparamref name="T"/> (a grain class or anything beside it).</summary>
    public TestSiloBuilder AddGrainAssemblyOf<T>() => AddGrainAssembly(typeof(T).Assembly);

    /// <summary>A schema to apply before the silo starts (the silo's own schema is always applied).</summary>
    public TestSiloBuilder AddMigrationModule(IMigrationModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        MigrationModules.Add(module);
        return this;
    }

    public TestSiloBuilder ConfigureSilo(Action<SiloOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        SiloConfigurations.Add(configure);
        return this;
    }

    /// <summary>Registers services after the silo's own, so they can replace them.</summary>
    public TestSiloBuilder ConfigureServices(Action<IServiceCollection> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ServiceConfigurations.Add((services, _) => configure(services));
        return this;
    }

    /// <summary>As <see cref="ConfigureServices(Action{IServiceCollection})"/>, for registrations that read configuration
    /// (the configuration holds <c>ConnectionStrings:Flattr</c>, the test database, and whatever <see cref="Configure"/> set).</summary>
    public TestSiloBuilder ConfigureServices(Action<IServiceCollection, IConfiguration> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ServiceConfigurations.Add(configure);
        return this;
    }

    /// <summary>Sets one configuration value of the host, e.g. <c>Configure("Flattr:Money:MinimumDepositCents", "800")</c>.</summary>
    public TestSiloBuilder Configure(string key, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Configuration[key] = value;
        return this;
    }

    /// <summary>Runs the silo on the system clock instead of a <see cref="Time.ManualTimeProvider"/>.</summary>
    public TestSiloBuilder UseSystemTime()
    {
        UsesManualTime = false;
        return this;
    }
}
