using Flattr.Silo.Database.Schema;
using Flattr.Silo.Hosting;
using Flattr.Silo.Tests.Support;
using Flattr.Testing;
using Flattr.Testing.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Flattr.Silo.Tests.Providers;

/// <summary>
/// Cluster membership in PostgreSQL (ADO.NET clustering, our OrleansMembershipTable and statements) with silos built exactly
/// as Flattr's processes build them (<see cref="FlattrSiloHosting.AddFlattrSilo"/>), here as hosts in the test process on
/// free ports: a silo that stops gracefully is written Dead, and a silo started later joins the survivors as Active.
/// </summary>
public sealed class MembershipTests : IAsyncLifetime
{
    static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(90);

    TestDatabase? _database;

    TestDatabase Database => _database ?? throw new InvalidOperationException("No database.");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(nameof(MembershipTests), SchemaModules.All);

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_silo_that_stops_gracefully_is_marked_dead_and_a_silo_started_later_joins_the_survivor_as_active()
    {
        var cluster = new ClusterSettings(Database.ConnectionString, "membership");
        var hosts = new List<IHost>();
        try
        {
            var started = await Task.WhenAll(StartSiloAsync(cluster), StartSiloAsync(cluster));
            hosts.AddRange(started);
            var (leaving, staying) = (started[0], started[1]);
            Assert.Equal([SiloStatus.Active, SiloStatus.Active], [await StatusAsync(cluster, leaving), await StatusAsync(cluster, staying)]);

            using (var timeout = new CancellationTokenSource(s_startTimeout))
            {
                await leaving.StopAsync(timeout.Token);
            }

            await Eventually.TrueAsync(async () => await StatusAsync(cluster, leaving) == SiloStatus.Dead, "the stopped silo is Dead in the table", s_startTimeout);
            Assert.Equal(SiloStatus.Active, await StatusAsync(cluster, staying));

            var joining = await StartSiloAsync(cluster);
            hosts.Add(joining);

            Assert.Equal(SiloStatus.Active, await StatusAsync(cluster, joining));
            Assert.Equal(SiloStatus.Dead, await StatusAsync(cluster, leaving));
            Assert.Equal(3, (await Membership.RowsAsync(Database.DataSource, cluster.ClusterId)).Count);

            // The new silo is in the survivor's cluster: each sees exactly the two of them active.
            var expected = new[] { Address(staying), Address(joining) }.Order().ToArray();
            foreach (var host in new[] { staying, joining })
            {
                var management = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
                await Eventually.TrueAsync(
                    async () => (await management.GetHosts(onlyActive: true)).Keys.Order().SequenceEqual(expected),
                    $"{Address(host)} sees {string.Join(" and ", expected.AsEnumerable())} active",
                    s_startTimeout);
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                using var timeout = new CancellationTokenSource(s_startTimeout);
                await host.StopAsync(timeout.Token);
                host.Dispose();
            }
        }
    }

    static async Task<IHost> StartSiloAsync(ClusterSettings cluster)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(cluster.For(siloPort: 0, gatewayPort: 0).Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.UseOrleans(silo => silo.AddFlattrSilo(builder.Configuration, cluster.ConnectionString));
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(s_startTimeout);
        await host.StartAsync(timeout.Token);
        return host;
    }

    static SiloAddress Address(IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    async Task<SiloStatus?> StatusAsync(ClusterSettings cluster, IHost silo)
    {
        var address = Address(silo);
        return (await Membership.RowsAsync(Database.DataSource, cluster.ClusterId))
            .SingleOrDefault(r => r.Port == address.Endpoint.Port && r.Generation == address.Generation)?.Status;
    }
}
