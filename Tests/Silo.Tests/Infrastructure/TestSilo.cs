using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Silo.Hosting;
using Silo.Persistence;

namespace Silo.Tests.Infrastructure;

/// <summary>An in-process silo on a generic host with the test grains, in-memory storage and a <see cref="GrainProbe"/>.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    readonly IHost _host;
    bool _stopped;

    TestSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public ISiloDiagnostics Diagnostics => Services.GetRequiredService<ISiloDiagnostics>();

    public GrainProbe Probe => Services.GetRequiredService<GrainProbe>();

    public InMemoryGrainStorage Storage => (InMemoryGrainStorage)Services.GetRequiredService<IGrainStorage>();

    public static async Task<TestSilo> StartAsync(
        Action<SiloOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        TimeProvider? timeProvider = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddSingleton<GrainProbe>();
        builder.Services.AddSilo(options =>
        {
            options.AddGrainAssembly(typeof(TestSilo).Assembly);
            configure?.Invoke(options);
        });
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    /// <summary>Waits (a bounded time) until the grain has no activation.</summary>
    public async Task WaitForDeactivationAsync(IAddressable grain)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Diagnostics.WaitForDeactivationAsync(grain, timeout.Token);
    }

    public async Task StopAsync()
    {
        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync();
        }

        _host.Dispose();
    }
}
