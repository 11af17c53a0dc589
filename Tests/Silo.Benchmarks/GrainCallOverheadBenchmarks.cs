using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Silo.Hosting;

namespace Silo.Benchmarks;

public interface ICounterGrain : IGrainWithIntegerKey
{
    Task<int> Add(int amount);
}

public sealed class CounterGrain : Grain, ICounterGrain
{
    int _total;

    public Task<int> Add(int amount) => Task.FromResult(_total += amount);
}

/// <summary>The same counter as a plain object: what the call would cost without the runtime.</summary>
public sealed class PlainCounter : ICounterGrain
{
    int _total;

    public Task<int> Add(int amount) => Task.FromResult(_total += amount);
}

/// <summary>
/// What a grain call costs over a direct interface call of the same method, on an in-memory silo with the activation already
/// made: the proxy, the request, the activation's queue and turn, the response and the hop back to the caller.
/// </summary>
[MemoryDiagnoser]
public class GrainCallOverheadBenchmarks
{
    IHost? _host;
    ICounterGrain _grain = null!;
    ICounterGrain _direct = null!;

    // Synchronous on purpose: BenchmarkDotNet's in-process toolchain may start measuring before an async setup has finished.
    [GlobalSetup]
    public void SetUp()
    {
        _direct = new PlainCounter();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSilo(silo => silo.AddGrainAssembly(typeof(CounterGrain).Assembly));
        _host = builder.Build();
        _host.StartAsync().GetAwaiter().GetResult();
        _grain = _host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>(1);
        _grain.Add(0).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public Task<int> Direct_call() => _direct.Add(1);

    [Benchmark]
    public Task<int> Grain_call() => _grain.Add(1);

    [GlobalCleanup]
    public void CleanUp()
    {
        if (_host is not null)
        {
            _host.StopAsync().GetAwaiter().GetResult();
            _host.Dispose();
        }
    }
}
