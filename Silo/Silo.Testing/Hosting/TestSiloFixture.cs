using Npgsql;
using Silo.Hosting;
using Silo.Testing.Time;
using Xunit;

namespace Silo.Testing.Hosting;

/// <summary>
/// A <see cref="TestSilo"/> shared by one xunit test class: started before its first test, disposed (database dropped)
/// after its last. Derive and override <see cref="Configure"/>:
/// <code>
/// public sealed class CounterSilo : TestSiloFixture
/// {
///     protected override void Configure(TestSiloBuilder silo) => silo.AddGrainAssemblyOf&lt;CounterGrain&gt;();
/// }
///
/// public sealed class CounterGrainTests(CounterSilo silo) : IClassFixture&lt;CounterSilo&gt;
/// {
///     [Fact]
///     public async Task Counts() => Assert.Equal(1, await silo.GrainFactory.GetGrain&lt;ICounterGrain&gt;("a").Increment());
/// }
/// </code>
/// Tests of one class share the silo: give each test its own grain keys. A test that restarts or crashes the silo
/// should own one: <c>await using var silo = await TestSilo.StartAsync(...)</c>.
/// </summary>
public class TestSiloFixture : IAsyncLifetime
{
    TestSilo? _silo;

    public TestSilo Silo => _silo ?? throw new InvalidOperationException("The silo starts in InitializeAsync, before the first test.");

    public IGrainFactory GrainFactory => Silo.GrainFactory;

    public IServiceProvider Services => Silo.Services;

    public NpgsqlDataSource DataSource => Silo.DataSource;

    public ManualTimeProvider Time => Silo.Time;

    public ISiloDiagnostics Diagnostics => Silo.Diagnostics;

    public Task RestartAsync(SiloStopMode mode = SiloStopMode.Graceful, CancellationToken cancellationToken = default) =>
        Silo.RestartAsync(mode, cancellationToken);

    public Task<SiloHandle> StartAdditionalSiloAsync(CancellationToken cancellationToken = default) =>
        Silo.StartAdditionalSiloAsync(cancellationToken);

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(silo =>
    {
        silo.DatabaseLabel = GetType().Name;
        Configure(silo);
    });

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
            _silo = null;
        }
    }

    protected virtual void Configure(TestSiloBuilder silo)
    {
    }
}

/// <summary>A <see cref="TestSiloFixture"/> configured by <typeparamref name="TConfigurator"/>:
/// <c>public sealed class MyTests(TestSiloFixture&lt;MySilo&gt; silo) : IClassFixture&lt;TestSiloFixture&lt;MySilo&gt;&gt;</c>.</summary>
public sealed class TestSiloFixture<TConfigurator> : TestSiloFixture
    where TConfigurator : ITestSiloConfigurator, new()
{
    protected override void Configure(TestSiloBuilder silo)
    {
        silo.DatabaseLabel = typeof(TConfigurator).Name;
        new TConfigurator().Configure(silo);
    }
}
