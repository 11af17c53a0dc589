using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Silo.Postgres.Tests.Runtime;
using Silo.Testing.Database;
using Silo.Testing.Hosting;

namespace Silo.Postgres.Tests.Testing;

/// <summary>The test host itself: fresh database per silo, dropped at the end, configuration reaching the host.</summary>
public sealed class TestSiloTests
{
    [Fact]
    public async Task Each_silo_gets_a_fresh_database_that_is_dropped_when_it_is_disposed()
    {
        string first, second;
        await using (var a = await TestSilo.StartAsync(s => s.AddGrainAssemblyOf<PiggyBankGrain>()))
        await using (var b = await TestSilo.StartAsync(s => s.AddGrainAssemblyOf<PiggyBankGrain>()))
        {
            first = a.Database.Name;
            second = b.Database.Name;
            await a.GrainFactory.GetGrain<IPiggyBankGrain>("same").Deposit(1);
            Assert.Equal(0, await b.GrainFactory.GetGrain<IPiggyBankGrain>("same").GetBalance());
        }

        Assert.NotEqual(first, second);
        Assert.False(await DatabaseExistsAsync(first));
        Assert.False(await DatabaseExistsAsync(second));
    }

    [Fact]
    public async Task Configuration_services_and_the_manual_clock_reach_the_restarted_host()
    {
        await using var silo = await TestSilo.StartAsync(s => s
            .AddGrainAssemblyOf<PiggyBankGrain>()
            .Configure("Flattr:Greeting", "bonjour")
            .ConfigureServices((services, configuration) => services.AddSingleton(new Greeting(configuration["Flattr:Greeting"]!))));

        await silo.RestartAsync();

        Assert.Equal("bonjour", silo.Services.GetRequiredService<Greeting>().Text);
        Assert.Equal(silo.Database.ConnectionString, silo.Services.GetRequiredService<IConfiguration>()[TestSilo.ConnectionStringKey]);
        Assert.Equal(silo.Time.GetUtcNow(), silo.Services.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    static async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(TestDatabase.ServerConnectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM pg_database WHERE datname = $1");
        command.Parameters.Add(new() { Value = name });
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    sealed record Greeting(string Text);
}
