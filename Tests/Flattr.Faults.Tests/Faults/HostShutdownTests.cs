using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Silo.Hosting;

namespace Flattr.Faults.Tests.Faults;

/// <summary>
/// Shutdown is a fault path too: a web host is stopped by its own RunAsync (which then disposes it) and, concurrently, by
/// whoever stops it from outside (a test factory, a second Ctrl+C). The silo must take a stop after its disposal quietly;
/// it threw ObjectDisposedException, which surfaced as random "collection cleanup" failures of the web test fixtures.
/// </summary>
public sealed class HostShutdownTests
{
    [Fact]
    public async Task A_silo_host_stopped_again_after_it_was_disposed_stops_quietly()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSilo(silo => silo.ServiceId = "shutdown-test");
        var host = builder.Build();
        await host.StartAsync();

        await host.StopAsync();
        await ((IAsyncDisposable)host).DisposeAsync();
        var again = await Record.ExceptionAsync(() => host.StopAsync());

        Assert.Null(again);
        Support.Tally.Check();
    }

    [Fact]
    public async Task Two_stops_and_a_disposal_racing_end_without_an_exception()
    {
        for (var round = 0; round < 20; round++)
        {
            var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddSilo(silo => silo.ServiceId = "shutdown-race");
            var host = builder.Build();
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

        Support.Tally.Check();
    }
}
