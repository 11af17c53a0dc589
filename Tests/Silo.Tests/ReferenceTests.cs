using Silo.Tests.Grains;
using Silo.Tests.Infrastructure;

namespace Silo.Tests;

public sealed class ReferenceTests
{
    [Fact]
    public async Task GetGrain_returns_a_reference_without_activating_anything()
    {
        await using var silo = await TestSilo.StartAsync();

        var grain = silo.Grains.GetGrain<ILifecycleGrain>("lazy");

        Assert.NotNull(grain);
        Assert.Equal(0, silo.Diagnostics.ActivationCount);
        Assert.Equal(0, silo.Probe.Count("activate:lazy"));
        Assert.False(silo.Diagnostics.TryGetActivation(grain, out _));
    }

    [Fact]
    public async Task References_to_the_same_grain_are_equal_and_hash_equal_and_differ_from_other_grains()
    {
        await using var silo = await TestSilo.StartAsync();

        var first = silo.Grains.GetGrain<ICounterGrain>("same");
        var second = silo.Grains.GetGrain<ICounterGrain>("same");
        var other = silo.Grains.GetGrain<ICounterGrain>("other");

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, other);
        Assert.Single(new HashSet<ICounterGrain> { first, second });
    }

    [Fact]
    public async Task A_reference_survives_deactivation_and_its_next_call_gets_a_new_activation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("survivor");
        var firstActivation = await grain.GetActivationId();

        await silo.Diagnostics.DeactivateAsync(grain);
        Assert.Equal(0, silo.Diagnostics.ActivationCount);
        var secondActivation = await grain.GetActivationId();

        Assert.NotEqual(firstActivation, secondActivation);
        Assert.True(silo.Diagnostics.TryGetActivation(grain, out var context));
        Assert.Equal(secondActivation, context.ActivationId);
    }

    [Fact]
    public async Task ValueTask_methods_are_called_through_references()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("valuetask");

        await grain.Increment();

        Assert.Equal(1, await grain.GetAsValueTask());
    }
}
