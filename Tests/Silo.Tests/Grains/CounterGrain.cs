namespace Silo.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();

    Task<Guid> GetActivationId();

    Task Fail(string message);

    ValueTask<int> GetAsValueTask();
}

/// <summary>Plain in-memory state, no persistence: shows activation identity and survival.</summary>
public sealed class CounterGrain : Grain, ICounterGrain
{
    int _count;

    public Task<int> Increment() => Task.FromResult(++_count);

    public Task<int> Get() => Task.FromResult(_count);

    public Task<Guid> GetActivationId() => Task.FromResult(Context.ActivationId);

    public Task Fail(string message) => throw new ArgumentException(message);

    public ValueTask<int> GetAsValueTask() => ValueTask.FromResult(_count);
}
