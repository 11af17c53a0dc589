using Silo.Persistence;
using Silo.Tests.Grains;
using Silo.Tests.Infrastructure;

namespace Silo.Tests;

public sealed class ActivationTests
{
    [Fact]
    public async Task First_call_activates_the_grain()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("first");

        Assert.True(await grain.WasActivated());

        Assert.Equal(1, silo.Probe.Count("activate:first"));
        Assert.True(silo.Diagnostics.TryGetActivation(grain, out _));
        Assert.Equal(1, silo.Diagnostics.GetActivationCountsByType()["Lifecycle"]);
    }

    [Fact]
    public async Task Concurrent_first_calls_create_exactly_one_activation()
    {
        await using var silo = await TestSilo.StartAsync();

        var ids = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(
            () => silo.Grains.GetGrain<IConstructionCountingGrain>("race").GetActivationId())));

        Assert.Single(ids.Distinct());
        Assert.Equal(1, silo.Probe.Count("construct:race"));
        Assert.Equal(1, silo.Diagnostics.ActivationCount);
    }

    [Fact]
    public async Task Calls_during_a_slow_OnActivateAsync_wait_for_it()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("slow-1");

        var calls = Enumerable.Range(0, 5).Select(_ => grain.WasActivated()).ToList();
        await silo.Probe.WaitForCountAsync("activate:slow-1", 1);
        await Task.Delay(20);
        Assert.All(calls, c => Assert.False(c.IsCompleted));

        silo.Probe.Set("activate:slow-1");

        Assert.All(await Task.WhenAll(calls), Assert.True);
    }

    [Fact]
    public async Task State_is_loaded_before_OnActivateAsync()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("stateful");
        var stored = new LifecycleState { Value = 42 };
        await silo.Storage.WriteStateAsync("lifecycle", grain.GetGrainId(), new GrainState<LifecycleState>(stored), default);

        Assert.Equal(42, await grain.StateSeenInOnActivate());
    }

    [Fact]
    public async Task A_throwing_OnActivateAsync_fails_the_waiting_calls_and_the_next_call_retries()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("failonce-1");

        var waiting = Enumerable.Range(0, 3).Select(_ => grain.WasActivated()).ToList();
        await silo.Probe.WaitForCountAsync("activate:failonce-1", 1);
        silo.Probe.Set("activate:failonce-1");
        foreach (var call in waiting)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => call);
            Assert.Equal("Activation of failonce-1 failed on purpose.", error.Message);
        }

        Assert.Equal(0, silo.Diagnostics.ActivationCount);
        Assert.True(await grain.WasActivated());
        Assert.Equal(2, silo.Probe.Count("activate:failonce-1"));
    }

    sealed class GrainState<T>(T state) : IGrainState<T>
    {
        public T State { get; set; } = state;

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
