using Silo.Postgres.Tests.Runtime;
using Silo.Testing.Hosting;

namespace Silo.Postgres.Tests.Testing;

public sealed class PiggyBankConfigurator : ITestSiloConfigurator
{
    public void Configure(TestSiloBuilder silo) => silo.AddGrainAssemblyOf<PiggyBankGrain>().ConfigureSilo(o => o.ServiceId = "configured");
}

/// <summary>The configurator-class form of the fixture: one line of set-up.</summary>
public sealed class GenericFixtureTests(TestSiloFixture<PiggyBankConfigurator> silo) : IClassFixture<TestSiloFixture<PiggyBankConfigurator>>
{
    [Fact]
    public async Task Configurator_fixture_runs_the_configured_silo_on_its_own_database()
    {
        await silo.GrainFactory.GetGrain<IPiggyBankGrain>("generic").Deposit(12);

        await using var command = silo.DataSource.CreateCommand("SELECT service_id FROM grain_state WHERE grain_key = 's:generic'");
        Assert.Equal("configured", await command.ExecuteScalarAsync());
        Assert.StartsWith("flattr_test_piggybankconfigu_", silo.Silo.Database.Name, StringComparison.Ordinal);
    }
}
