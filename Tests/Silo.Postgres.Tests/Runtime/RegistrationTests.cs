using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Silo.Hosting;
using Silo.Persistence;
using Silo.Postgres.Hosting;
using Silo.Postgres.Reminders;
using Silo.Postgres.Storage;
using Silo.Reminders;
using Silo.Testing.Database;

namespace Silo.Postgres.Tests.Runtime;

/// <summary>AddSiloPostgres beside AddSilo, in either order.</summary>
public sealed class RegistrationTests
{
    const string Unreachable = "Host=127.0.0.1;Port=1;Username=nobody";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Postgres_storage_and_reminders_replace_the_in_memory_ones_whatever_the_order(bool siloFirst)
    {
        var services = new ServiceCollection().AddLogging();
        if (siloFirst)
        {
            services.AddSilo(o => o.ServiceId = "order-test");
            services.AddSiloPostgres(Unreachable);
        }
        else
        {
            services.AddSiloPostgres(Unreachable);
            services.AddSilo(o => o.ServiceId = "order-test");
        }

        await using var provider = services.BuildServiceProvider();

        var storage = Assert.IsType<PostgresGrainStorage>(provider.GetRequiredService<IGrainStorage>());
        Assert.Same(storage, provider.GetRequiredKeyedService<IGrainStorage>(SiloPostgresOptions.DefaultStorageName));
        Assert.Equal("order-test", storage.ServiceId);
        var reminders = Assert.IsType<PostgresReminderTable>(provider.GetRequiredService<IReminderTable>());
        Assert.Equal("order-test", reminders.ServiceId);
        Assert.Single(services, d => d.ServiceType == typeof(IGrainStorage) && !d.IsKeyedService);
        Assert.Single(services, d => d.ServiceType == typeof(NpgsqlDataSource));
    }

    [Fact]
    public async Task Explicit_service_id_in_postgres_options_overrides_the_silos()
    {
        var services = new ServiceCollection().AddLogging()
            .AddSilo(o => o.ServiceId = "silo-id")
            .AddSiloPostgres(Unreachable, o => o.ServiceId = "storage-id");

        await using var provider = services.BuildServiceProvider();

        Assert.Equal("storage-id", provider.GetRequiredService<PostgresGrainStorage>().ServiceId);
    }

    [Fact]
    public async Task Migrations_are_applied_before_any_hosted_service_starts_even_one_registered_first()
    {
        await using var database = await TestDatabase.CreateAsync(nameof(RegistrationTests));
        var probe = new SchemaProbe(database.DataSource);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddSingleton<IHostedService>(probe);
        builder.Services.AddSilo(o => o.ServiceId = "probe");
        builder.Services.AddSiloPostgres(database.ConnectionString);
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.True(probe.SawGrainStateTable);
    }

    /// <summary>A hosted service that looks for the silo's table when it starts.</summary>
    sealed class SchemaProbe(NpgsqlDataSource dataSource) : IHostedService
    {
        public bool SawGrainStateTable { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var command = dataSource.CreateCommand("SELECT to_regclass('grain_state') IS NOT NULL");
            SawGrainStateTable = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
