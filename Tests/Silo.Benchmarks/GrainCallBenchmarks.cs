using BenchmarkDotNet.Attributes;

namespace Silo.Benchmarks;

/// <summary>A call through a reference to an active grain, against a direct call on an instance of the same grain class.</summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    const int Burst = 100;

    BenchmarkSilo _silo = null!;
    IBenchmarkGrain _grain = null!;
    IBenchmarkGrain _direct = null!;

    [GlobalSetup]
    public void Setup()
    {
        _silo = new BenchmarkSilo();
        _grain = _silo.Grains.GetGrain<IBenchmarkGrain>(1);
        _grain.Increment().GetAwaiter().GetResult();
        if (!_silo.Diagnostics.TryGetActivation(_grain, out var context))
        {
            throw new InvalidOperationException("The benchmark grain did not activate.");
        }

        using (GrainContextAccessor.BeginConstruction(context))
        {
            _direct = new BenchmarkGrain();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _silo.Dispose();

    [Benchmark(Baseline = true, Description = "direct call on the object")]
    public Task<int> DirectCall() => _direct.Increment();

    [Benchmark(Description = "grain call, awaited")]
    public Task<int> GrainCall() => _grain.Increment();

    [Benchmark(Description = "grain call with a string argument")]
    public Task<int> GrainCallWithArguments() => _grain.Add(2, "note");

    [Benchmark(Description = "grain call whose method awaits (two thread hops)")]
    public Task<int> GrainCallThatAwaits() => _grain.IncrementAfterYield();

    [Benchmark(OperationsPerInvoke = Burst, Description = "grain calls, 100 in flight")]
    public Task Pipelined()
    {
        var calls = new Task[Burst];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = _grain.Increment();
        }

        return Task.WhenAll(calls);
    }
}
