using Silo.Filters;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Grains;

public interface IFilteredGrain : IGrainWithStringKey
{
    Task<string> Hello(string name);

    Task<int> Number();
}

/// <summary>Its own filter runs after the silo's filters and before the method; every step is recorded in the probe.</summary>
public sealed class FilteredGrain(GrainProbe probe) : Grain, IFilteredGrain, IIncomingGrainCallFilter
{
    public async Task Invoke(IGrainCallContext context)
    {
        probe.Record("grain-before");
        await context.Invoke();
        probe.Record("grain-after");
    }

    public Task<string> Hello(string name)
    {
        probe.Record("method");
        return Task.FromResult($"hello {name}");
    }

    public Task<int> Number() => Task.FromResult(1);
}
