using System.Collections.Concurrent;
using Flattr.Silo.Database.Schema;
using Flattr.Silo.Hosting;
using Flattr.Testing.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.Hosting;
using Orleans.TestingHost;
using Xunit;

namespace Flattr.Testing.Orleans;

/// <summary>
/// An Orleans <see cref="TestCluster"/> (two silos by default) running Flattr's grains exactly as a deployed silo does
/// (<see cref="FlattrSiloHosting.AddFlattrGrainHost"/>: ADO.NET grain state and reminders, the stores, the migrations) on a
/// fresh PostgreSQL database, with a <see cref="FakeTimeProvider"/> as the application's clock (Orleans' own machinery keeps
/// the real one). Shared by the tests of one class (<c>IClassFixture&lt;T&gt;</c>); tests keep apart by their own keys.
/// Derive to change the settings (<see cref="Settings"/>) or the silo (<see cref="ConfigureSilo"/>).
/// </summary>
public class FlattrClusterFixture : IAsyncLifetime
{
    const string FixtureKey = "FlattrTesting:Fixture";

    static readonly ConcurrentDictionary<string, FlattrClusterFixture> s_fixtures = new();

    readonly string _id = Guid.NewGuid().ToString("N");
    TestDatabase? _database;
    TestCluster? _cluster;

    /// <summary>The application's clock in every silo; starts mid-month so that tests can move to the month's end.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero));

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster starts in InitializeAsync, before the first test.");

    /// <summary>The cluster client's grain factory: every call crosses Orleans messaging as the web's calls do.</summary>
    public IGrainFactory GrainFactory => Cluster.GrainFactory;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    public NpgsqlDataSource DataSource => Database.DataSource;

    /// <summary>How many silos the cluster starts with.</summary>
    protected virtual short InitialSilosCount => 2;

    /// <summary>The service id: fixed, so that a cluster restarted on the same database sees its grain state and reminders.</summary>
    protected virtual string ServiceId => "flattr-tests";

    /// <summary>Configuration every silo reads (as <c>Flattr:...</c> keys in appsettings), beside the connection string.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public virtual async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(GetType().Name, SchemaModules.All);
        s_fixtures[_id] = this;
        await DeployClusterAsync();
    }

    /// <summary>
    /// Stops every silo and the client, then deploys a new cluster on the same database with the same
    /// <see cref="ServiceId"/>: what a full redeployment does (grain state and reminders stay, activations do not).
    /// </summary>
    public async Task RestartClusterAsync()
    {
        await StopClusterAsync();
        await DeployClusterAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await StopClusterAsync();
        s_fixtures.TryRemove(_id, out _);
        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
    }

    async Task DeployClusterAsync()
    {
        var builder = new TestClusterBuilder(InitialSilosCount);
        builder.Options.ServiceId = ServiceId;
        builder.Properties[FixtureKey] = _id;
        builder.Properties[$"ConnectionStrings:{FlattrSiloHosting.ConnectionStringName}"] = Database.ConnectionString;
        foreach (var (key, value) in Settings)
        {
            builder.Properties[key] = value;
        }

        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    async Task StopClusterAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
            _cluster = null;
        }
    }

    /// <summary>Adds to each silo after Flattr's own configuration (a test grain, a different option).</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    /// <summary>Builds each silo of the test cluster, in this process, from the fixture named in its configuration.</summary>
    sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = siloBuilder.Configuration;
            var fixture = s_fixtures[configuration[FixtureKey] ?? throw new InvalidOperationException("No fixture id in the silo's configuration.")];
            var connectionString = configuration.GetConnectionString(FlattrSiloHosting.ConnectionStringName)
                ?? throw new InvalidOperationException("No connection string in the silo's configuration.");
            siloBuilder.Services.RemoveAll<TimeProvider>();
            siloBuilder.Services.AddSingleton<TimeProvider>(fixture.Clock);
            siloBuilder.AddFlattrGrainHost(configuration, connectionString);
            fixture.ConfigureSilo(siloBuilder);
        }
    }
}
