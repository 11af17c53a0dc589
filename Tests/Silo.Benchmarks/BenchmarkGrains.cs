namespace Silo.Benchmarks;

public interface IBenchmarkGrain : IGrainWithIntegerKey
{
    Task<int> Increment();

    Task<int> Add(int amount, string note);

    Task<int> IncrementAfterYield();
}

public sealed class BenchmarkGrain : Grain, IBenchmarkGrain
{
    int _count;

    public Task<int> Increment() => Task.FromResult(++_count);

    public Task<int> Add(int amount, string note) => Task.FromResult(_count += amount + note.Length);

    public async Task<int> IncrementAfterYield()
    {
        await Task.Yield();
        return ++_count;
    }
}
