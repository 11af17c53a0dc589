using Microsoft.Extensions.DependencyInjection;
using Silo.Reminders;
using Silo.Tests.Grains;
using Silo.Tests.Infrastructure;

namespace Silo.Tests;

public sealed class TimerTests
{
    static readonly TimeSpan s_period = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Timer_ticks_never_overlap_and_never_interleave_with_requests()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: time);
        var grain = silo.Grains.GetGrain<ITickingGrain>("long-ticks");
        await grain.StartTimer(s_period, waitInTick: true);

        time.Advance(s_period);
        await silo.Probe.WaitForCountAsync("tick:long-ticks", 1);
        var request = grain.Request();
        time.Advance(s_period * 2); // well within the 30 s response timeout, which also runs on this clock
        await Task.Delay(20);

        Assert.Equal(1, silo.Probe.Count("tick:long-ticks"));
        Assert.False(request.IsCompleted);
        silo.Probe.Set("release-tick:long-ticks:1");
        Assert.Equal("done", await request);

        time.Advance(s_period);
        await silo.Probe.WaitForCountAsync("tick:long-ticks", 2);
        silo.Probe.Set("release-tick:long-ticks:2");
        await silo.Probe.WaitForCountAsync("tick-done:long-ticks", 2);
        Assert.Equal(1, await grain.MaxInside());
    }

    [Fact]
    public async Task Timer_ticks_follow_the_silo_clock()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: time);
        var grain = silo.Grains.GetGrain<ITickingGrain>("periodic");
        await grain.StartTimer(s_period, waitInTick: false);

        for (var tick = 1; tick <= 3; tick++)
        {
            time.Advance(s_period);
            await silo.Probe.WaitForCountAsync("tick-done:periodic", tick);
        }

        time.Advance(s_period / 2);
        await Task.Delay(20);
        Assert.Equal(3, silo.Probe.Count("tick:periodic"));
    }

    [Fact]
    public async Task Timers_die_with_their_activation()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: time);
        var grain = silo.Grains.GetGrain<ITickingGrain>("mortal");
        await grain.StartTimer(s_period, waitInTick: false);
        time.Advance(s_period);
        await silo.Probe.WaitForCountAsync("tick-done:mortal", 1);

        await silo.Diagnostics.DeactivateAsync(grain);
        time.Advance(s_period * 10);
        await Task.Delay(20);

        Assert.Equal(1, silo.Probe.Count("tick:mortal"));
    }

    [Fact]
    public async Task A_reminder_fires_on_schedule_and_activates_its_grain()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(o => o.ReminderRefreshInterval = TimeSpan.FromHours(1), timeProvider: time);
        var grain = silo.Grains.GetGrain<IReminderGrain>("remind");
        await grain.Register("daily", TimeSpan.FromMinutes(5), TimeSpan.FromHours(24));
        await silo.Diagnostics.DeactivateAsync(grain);

        time.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(20);
        Assert.Equal(0, silo.Probe.Count("reminder:remind:daily"));
        time.Advance(TimeSpan.FromMinutes(1));
        await silo.Probe.WaitForCountAsync("reminder:remind:daily", 1);

        Assert.True(silo.Diagnostics.TryGetActivation(grain, out _));
        time.Advance(TimeSpan.FromHours(24));
        await silo.Probe.WaitForCountAsync("reminder:remind:daily", 2);
    }

    [Fact]
    public async Task An_unregistered_reminder_stops_firing()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: time);
        var grain = silo.Grains.GetGrain<IReminderGrain>("stop");
        await grain.Register("r", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        time.Advance(TimeSpan.FromMinutes(1));
        await silo.Probe.WaitForCountAsync("reminder:stop:r", 1);

        await grain.Unregister("r");
        time.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(20);

        Assert.Equal(1, silo.Probe.Count("reminder:stop:r"));
        Assert.False(await grain.Has("r"));
    }

    [Fact]
    public async Task After_a_restart_the_reminder_table_is_loaded_and_due_reminders_fire()
    {
        var table = new InMemoryReminderTable();
        var time = new ManualTimeProvider();
        var before = await TestSilo.StartAsync(services: s => s.AddSingleton<IReminderTable>(table), timeProvider: time);
        var probeBefore = before.Probe;
        await before.Grains.GetGrain<IReminderGrain>("restart").Register("r", TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
        await before.DisposeAsync();

        time.Advance(TimeSpan.FromMinutes(30));
        await using var after = await TestSilo.StartAsync(services: s => s.AddSingleton<IReminderTable>(table), timeProvider: time);

        await after.Probe.WaitForCountAsync("reminder:restart:r", 1);
        Assert.Equal(0, probeBefore.Count("reminder:restart:r"));
    }

    [Fact]
    public async Task Reminders_need_IRemindable()
    {
        await using var silo = await TestSilo.StartAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(silo.Grains.GetGrain<INotRemindableGrain>("x").TryToRegister);

        Assert.Contains("IRemindable", error.Message, StringComparison.Ordinal);
    }
}
