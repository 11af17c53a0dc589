using BenchmarkDotNet.Attributes;

namespace Silo.Benchmarks;

/// <summary>The first call to a new key: directory insert, instance construction, OnActivateAsync, then the call.</summary>
[MemoryDiagnoser]
[InvocationCount(Activations)]
public class ActivationBenchmarks
{
    const int Activations = 20_000;

    BenchmarkSilo _silo = null!;
    long _nextKey;

    [GlobalSetup]
    public void Setup() => _silo = new BenchmarkSilo();

    [GlobalCleanup]
    public void Cleanup() => _silo.Dispose();

    // Keeps memory flat across iterations; not measured.
    [IterationCleanup]
    public void DeactivateAll() => _silo.Diagnostics.DeactivateAllAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "first call to a new grain (activation)")]
    public Task<int> FirstCall() => _silo.Grains.GetGrain<IBenchmarkGrain>(++_nextKey).Increment();
}
