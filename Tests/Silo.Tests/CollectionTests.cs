using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Silo.Hosting;
using Silo.Tests.Grains;
using Silo.Tests.Infrastructure;

namespace Silo.Tests;

public sealed class CollectionTests
{
    static readonly TimeSpan s_age = TimeSpan.FromMinutes(10);
    static readonly TimeSpan s_quantum = TimeSpan.FromMinutes(1);

    static Task<TestSilo> StartWithManualTime(ManualTimeProvider time) =>
        TestSilo.StartAsync(o => (o.CollectionAge, o.CollectionQuantum) = (s_age, s_quantum), timeProvider: time);

    [Fact]
    public async Task An_idle_activation_is_collected_after_the_configured_age_and_runs_OnDeactivateAsync()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartWithManualTime(time);
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("idle");
        await grain.SetValue(5);

        time.Advance(s_age - s_quantum);
        Assert.True(silo.Diagnostics.TryGetActivation(grain, out _));

        time.Advance(s_quantum + s_quantum);
        await silo.WaitForDeactivationAsync(grain);

        Assert.Equal(1, silo.Probe.Count("deactivated:idle"));
        Assert.Contains(silo.Probe.Events, e => e.StartsWith("deactivating idle", StringComparison.Ordinal) && e.EndsWith("ActivationIdle", StringComparison.Ordinal));
        Assert.Equal(0, silo.Diagnostics.ActivationCount);
    }

    [Fact]
    public async Task Calls_keep_an_activation_alive()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartWithManualTime(time);
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("busy");
        var activation = await grain.GetActivationId();

        for (var i = 0; i < 5; i++)
        {
            time.Advance(s_age / 2);
            Assert.Equal(activation, await grain.GetActivationId());
        }
    }

    [Fact]
    public async Task CollectionAgeLimit_overrides_the_silo_age_for_its_class()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartWithManualTime(time);
        var shortLived = silo.Grains.GetGrain<IShortLivedGrain>("short");
        var ordinary = silo.Grains.GetGrain<ILifecycleGrain>("ordinary");
        await shortLived.GetActivationId();
        await ordinary.GetActivationId();

        time.Advance(TimeSpan.FromMinutes(3));
        await silo.WaitForDeactivationAsync(shortLived);

        Assert.False(silo.Diagnostics.TryGetActivation(shortLived, out _));
        Assert.True(silo.Diagnostics.TryGetActivation(ordinary, out _));
    }

    [Fact]
    public async Task DelayDeactivation_keeps_an_idle_activation_past_its_age()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartWithManualTime(time);
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("kept");
        await grain.KeepAliveFor(TimeSpan.FromMinutes(30));

        time.Advance(TimeSpan.FromMinutes(25));
        Assert.True(silo.Diagnostics.TryGetActivation(grain, out _));

        time.Advance(TimeSpan.FromMinutes(6));
        await silo.WaitForDeactivationAsync(grain);
        Assert.Equal(1, silo.Probe.Count("deactivated:kept"));
    }

    [Fact]
    public async Task DeactivateOnIdle_deactivates_once_the_call_returns()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("leaving");
        var first = await grain.GetActivationId();

        await grain.DeactivateOnIdleNow();
        await silo.WaitForDeactivationAsync(grain);

        Assert.Equal(1, silo.Probe.Count("deactivated:leaving"));
        Assert.Contains($"deactivating leaving {first} ApplicationRequested", silo.Probe.Events);
        Assert.NotEqual(first, await grain.GetActivationId());
    }

    [Fact]
    public async Task A_call_arriving_during_deactivation_goes_to_a_fresh_activation_after_the_old_one_flushed()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("blockdeactivate-1");
        await grain.SetValue(1);
        var first = await grain.GetActivationId();
        var deactivation = silo.Diagnostics.DeactivateAsync(grain);

        var during = grain.StateSeenInOnActivate();
        await Task.Delay(20);
        Assert.False(during.IsCompleted);
        silo.Probe.Set("deactivate:blockdeactivate-1");
        await deactivation;

        Assert.Equal(1, await during);
        var second = await grain.GetActivationId();
        Assert.NotEqual(first, second);
        var events = silo.Probe.Events.ToList();
        Assert.True(events.IndexOf($"deactivated blockdeactivate-1 {first}") < events.IndexOf($"activate blockdeactivate-1 {second}"));
    }

    [Fact]
    public async Task Stopping_the_host_again_after_it_was_stopped_and_disposed_is_harmless()
    {
        // Web hosts are stopped twice in practice: by a test harness and by the app's own RunAsync.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<GrainProbe>();
        builder.Services.AddSilo(options => options.AddGrainAssembly(typeof(TestSilo).Assembly));
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ILifecycleGrain>("stopped-twice").GetActivationId();

        await host.StopAsync();
        host.Dispose();
        var secondStop = await Record.ExceptionAsync(() => host.StopAsync());

        Assert.Null(secondStop);
    }

    [Fact]
    public async Task Stopping_the_host_deactivates_every_activation_and_flushes_state()
    {
        var silo = await TestSilo.StartAsync();
        await using (silo)
        {
            var keys = Enumerable.Range(0, 20).Select(i => $"flush-{i}").ToList();
            foreach (var key in keys)
            {
                await silo.Grains.GetGrain<ILifecycleGrain>(key).GetActivationId();
            }

            await silo.StopAsync();

            Assert.Equal(0, silo.Diagnostics.ActivationCount);
            foreach (var key in keys)
            {
                var id = silo.Grains.GetGrain<ILifecycleGrain>(key).GetGrainId();
                Assert.True(silo.Storage.TryGetState<LifecycleState>("lifecycle", id, out var state, out _));
                Assert.Equal(1, state!.DeactivationCount);
            }
        }
    }

    [Fact]
    public async Task The_diagnostics_collection_pass_uses_the_silo_clock()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(o => (o.CollectionAge, o.CollectionQuantum) = (s_age, TimeSpan.FromDays(1)), timeProvider: time);
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("manual-pass");
        await grain.GetActivationId();

        await silo.Diagnostics.CollectIdleActivationsAsync();
        Assert.Equal(1, silo.Diagnostics.ActivationCount);

        time.Advance(s_age);
        await silo.Diagnostics.CollectIdleActivationsAsync();
        Assert.Equal(0, silo.Diagnostics.ActivationCount);
    }
}
