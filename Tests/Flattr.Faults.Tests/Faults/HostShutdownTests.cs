using Flattr.Clicks;
using Flattr.Faults.Tests.Support;
using Flattr.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Flattr.Faults.Tests.Faults;

/// <summary>
/// Shutdown is a fault path too. A Flattr host (the silo of <see cref="FlattrSiloHosting.AddFlattrSilo"/>, as the headless
/// silo, the web and the operator commands run it) is stopped by its own RunAsync (which then disposes it) and, concurrently,
/// by whoever stops it from outside (a test factory, a second Ctrl+C): it must take a stop after its disposal quietly.
/// And stopping drains the click writer after the silo: clicks the grains write while the silo deactivates them are stored.
/// </summary>
public sealed class HostShutdownTests : IAsyncLifetime
{
    FlattrDatabase _database = null!;

    public async Task InitializeAsync() => _database = await FlattrDatabase.CreateAsync("shutdown");

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task A_silo_host_stopped_again_after_it_was_disposed_stops_quietly()
    {
        var host = BuildHost("shutdown-test");
        await host.StartAsync();

        await host.StopAsync();
        await ((IAsyncDisposable)host).DisposeAsync();
        var again = await Record.ExceptionAsync(() => host.StopAsync());

        Assert.Null(again);
        Tally.Check();
    }

    [Fact]
    public async Task Two_stops_and_a_disposal_racing_end_without_an_exception()
    {
        for (var round = 0; round < 20; round++)
        {
            var host = BuildHost($"shutdown-race-{round}");
            await host.StartAsync();

            var failure = await Record.ExceptionAsync(() => Task.WhenAll(
                Task.Run(() => host.StopAsync()),
                Task.Run(async () =>
                {
                    await host.StopAsync();
                    await ((IAsyncDisposable)host).DisposeAsync();
                })));
            Assert.Null(failure);
        }

        Tally.Check();
    }

    [Fact]
    public async Task Stopping_the_host_stops_the_silo_before_the_click_writer_so_a_click_written_while_grains_deactivate_is_stored()
    {
        var giver = await _database.AddGiverAsync();
        var creator = await _database.AddUserAsync("creator");
        var thing = await _database.AddThingAsync(creator.Id);
        var click = new ClickWrite(giver.Id, thing, Month.Current(TimeProvider.System));
        var host = BuildHost("shutdown-drain", silo =>
        {
            silo.Services.AddSingleton(sp => new ClickWhileDeactivating(click, sp.GetRequiredService<ClickStore>()));
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ClickWhileDeactivating>());
        });
        await host.StartAsync();
        var probe = host.Services.GetRequiredService<ClickWhileDeactivating>();

        await host.StopAsync();
        await ((IAsyncDisposable)host).DisposeAsync();

        Assert.True(probe.Stopped, "the silo's grain deactivation stage did not run at the host's stop");
        Assert.Null(probe.Failure);
        Assert.Equal(ClickWriteStatus.Added, probe.Result?.Status);
        Assert.Contains((giver.Id, thing), await _database.ClicksAsync());
        Tally.Check();
        await Invariants.AssertCountsMatchClicksAsync(_database.DataSource);
    }

    /// <summary>A Flattr silo host on the test's database, on free ports, in a cluster of its own.</summary>
    IHost BuildHost(string clusterId, Action<ISiloBuilder>? configure = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{FlattrClusterOptions.Section}:{nameof(FlattrClusterOptions.ClusterId)}"] = clusterId,
            [$"{FlattrClusterOptions.Section}:{nameof(FlattrClusterOptions.SiloPort)}"] = "0",
            [$"{FlattrClusterOptions.Section}:{nameof(FlattrClusterOptions.GatewayPort)}"] = "0",
        });
        builder.UseOrleans(silo =>
        {
            silo.AddFlattrSilo(builder.Configuration, _database.ConnectionString);
            configure?.Invoke(silo);
        });
        return builder.Build();
    }

    /// <summary>
    /// Writes one click through the click store while the silo deactivates its grains at shutdown, as a grain finishing its
    /// work then does, and keeps the outcome.
    /// </summary>
    sealed class ClickWhileDeactivating(ClickWrite click, ClickStore clicks) : ILifecycleParticipant<ISiloLifecycle>
    {
        public bool Stopped { get; private set; }

        public ClickWriteResult? Result { get; private set; }

        public Exception? Failure { get; private set; }

        public void Participate(ISiloLifecycle observer)
        {
            ArgumentNullException.ThrowIfNull(observer);
            observer.Subscribe(nameof(ClickWhileDeactivating), ServiceLifecycleStage.GrainDeactivation, _ => Task.CompletedTask, StopAsync);
        }

        async Task StopAsync(CancellationToken cancellationToken)
        {
            Stopped = true;
            try
            {
                Result = await clicks.AddAsync(click, CancellationToken.None);
            }
#pragma warning disable CA1031 // Whatever the store throws is the finding, asserted by the test.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Failure = e;
            }
        }
    }
}
