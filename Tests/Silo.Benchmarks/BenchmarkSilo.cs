using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Silo.Hosting;

namespace Silo.Benchmarks;

/// <summary>A started silo with the benchmark grains, no logging.</summary>
sealed class BenchmarkSilo : IDisposable
{
    readonly IHost _host;

    public BenchmarkSilo()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSilo(o => o.AddGrainAssembly(typeof(BenchmarkGrain).Assembly));
        _host = builder.Build();
        _host.StartAsync().GetAwaiter().GetResult();
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public ISiloDiagnostics Diagnostics => _host.Services.GetRequiredService<ISiloDiagnostics>();

    public void Dispose()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }
}
