using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Silo.Hosting;
using Silo.Postgres.Hosting;
using Silo.Postgres.Migrations;
using Silo.Testing.Database;
using Silo.Testing.Time;

namespace Silo.Testing.Hosting;

/// <summary>
/// An in-process silo on a fresh PostgreSQL database, in the manner of Orleans' TestingHost: the real runtime
/// (<c>AddSilo</c>), the real storage and reminders (<c>AddSiloPostgres</c>), the migrations applied at start, and a
/// <see cref="ManualTimeProvider"/> the test moves. Restart it, crash it, or start a second host on the same database.
/// Disposing it stops every host and drops the database.
/// </summary>
/// <example>
/// <code>
/// await using var silo = await TestSilo.StartAsync(s => s.AddGrainAssemblyOf&lt;CounterGrain&gt;());
/// var counter = silo.GrainFactory.GetGrain&lt;ICounterGrain&gt;("a");
/// </code>
/// For a silo shared by a test class, derive from <see cref="TestSiloFixture"/> instead.
/// </example>
public sealed class TestSilo : IAsyncDisposable
{
    /// <summary>The configuration key under which hosts find the test database's connection string.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:Flattr";

    readonly TestSiloBuilder _builder;
    readonly List<SiloHandle> _hosts = [];
    readonly ManualTimeProvider? _time;
    SiloHandle? _primary;

    TestSilo(TestSiloBuilder builder, TestDatabase database)
    {
        _builder = builder;
        Database = database;
        _time = builder.UsesManualTime ? new ManualTimeProvider(builder.StartTime) : null;
    }

    public TestDatabase Database { get; }

    /// <summary>The test's own view of the database (not the hosts' data sources).</summary>
    public NpgsqlDataSource DataSource => Database.DataSource;

    /// <summary>The clock of every host of this silo.</summary>
    public ManualTimeProvider Time =>
        _time ?? throw new InvalidOperationException("This silo runs on the system clock (UseSystemTime).");

    /// <summary>The current primary host: the one <see cref="RestartAsync"/> replaces.</summary>
    public SiloHandle Primary => _primary ?? throw new InvalidOperationException("The silo is not running.");

    public IGrainFactory GrainFactory => Primary.GrainFactory;

    public IServiceProvider Services => Primary.Services;

    public ISiloDiagnostics Diagnostics => Primary.Diagnostics;

    /// <summary>Creates a fresh database and starts the primary host on it.</summary>
    public static async Task<TestSilo> StartAsync(Action<TestSiloBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = new TestSiloBuilder();
        configure?.Invoke(builder);
        var database = await TestDatabase.CreateAsync(builder.DatabaseLabel, cancellationToken);
        var silo = new TestSilo(builder, database);
        try
        {
            silo._primary = await silo.StartHostAsync(cancellationToken);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the primary host (gracefully, or abruptly as a crash) and starts a new one on the same database and clock:
    /// nothing survives but what is in the database.
    /// </summary>
    public async Task RestartAsync(SiloStopMode mode = SiloStopMode.Graceful, CancellationToken cancellationToken = default)
    {
        if (_primary is not null)
        {
            await _primary.StopAsync(mode, cancellationToken);
            _hosts.Remove(_primary);
            _primary = null;
        }

        _primary = await StartHostAsync(cancellationToken);
    }

    /// <summary>
    /// Starts another host on the same database and clock, as a second process of the application would be. It has its
    /// own activations: the same grain may be active in both, which is what optimistic concurrency must survive.
    /// </summary>
    public Task<SiloHandle> StartAdditionalSiloAsync(CancellationToken cancellationToken = default) => StartHostAsync(cancellationToken);

    /// <summary>Stops every host gracefully, then drops the database.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var host in _hosts.AsEnumerable().Reverse())
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await host.StopAsync(SiloStopMode.Graceful, timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    await host.StopAsync(SiloStopMode.Abrupt, CancellationToken.None);
                }
            }

            _hosts.Clear();
            _primary = null;
        }
        finally
        {
            await Database.DisposeAsync();
        }
    }

    async Task<SiloHandle> StartHostAsync(CancellationToken cancellationToken)
    {
        var time = _time?.CreateLinked();
        var host = BuildHost(time);
        var handle = await SiloHandle.StartAsync(host, time, cancellationToken);
        _hosts.Add(handle);
        return handle;
    }

    IHost BuildHost(TimeProvider? time)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?>(_builder.Configuration) { [ConnectionStringKey] = Database.ConnectionString });
        var services = builder.Services;
        services.AddLogging();
        services.AddSilo(options =>
        {
            options.ServiceId = _builder.ServiceId;
            foreach (var assembly in _builder.GrainAssemblies)
            {
                options.AddGrainAssembly(assembly);
            }

            foreach (var configure in _builder.SiloConfigurations)
            {
                configure(options);
            }
        });
        services.AddSiloPostgres(Database.ConnectionString);
        foreach (var module in _builder.MigrationModules)
        {
            services.AddMigrationModule(module);
        }

        if (time is not null)
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(time);
        }

        foreach (var configure in _builder.ServiceConfigurations)
        {
            configure(services, builder.Configuration);
        }

        return builder.Build();
    }
}
