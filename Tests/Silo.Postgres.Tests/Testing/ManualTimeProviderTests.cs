using Silo.Testing.Time;

namespace Silo.Postgres.Tests.Testing;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void Clock_starts_at_the_given_instant_in_utc_and_moves_only_when_advanced()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.FromHours(1)));

        Assert.Equal(new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero), time.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, time.GetUtcNow().Offset);
        var timestamp = time.GetTimestamp();
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(3), time.GetElapsedTime(timestamp));
    }

    [Fact]
    public void Timers_fire_in_due_order_with_the_clock_at_their_due_time()
    {
        var time = new ManualTimeProvider();
        var start = time.GetUtcNow();
        var fired = new List<(string, TimeSpan)>();
        using var late = time.CreateTimer(_ => fired.Add(("late", time.GetUtcNow() - start)), null, TimeSpan.FromSeconds(20), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add(("early", time.GetUtcNow() - start)), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal([("early", TimeSpan.FromSeconds(10))], fired);

        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal([("early", TimeSpan.FromSeconds(10)), ("late", TimeSpan.FromSeconds(20))], fired);
        Assert.Equal(start + TimeSpan.FromSeconds(24), time.GetUtcNow());
    }

    [Fact]
    public void Periodic_timer_fires_once_per_period_passed()
    {
        var time = new ManualTimeProvider();
        var ticks = 0;
        using var timer = time.CreateTimer(_ => ticks++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(10.5));

        Assert.Equal(10, ticks);
    }

    [Fact]
    public void Disposed_or_disarmed_timer_never_fires()
    {
        var time = new ManualTimeProvider();
        var fired = 0;
        var disposed = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var disarmed = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        disposed.Dispose();
        disarmed.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, fired);
        Assert.Equal(0, time.ArmedTimerCount);
        Assert.False(disposed.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public async Task Task_delay_on_the_manual_clock_completes_when_advanced_past_it()
    {
        var time = new ManualTimeProvider();

        var delay = Task.Delay(TimeSpan.FromHours(1), time);
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromHours(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Timer_due_now_fires_without_advancing()
    {
        var time = new ManualTimeProvider();
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using var timer = time.CreateTimer(_ => fired.TrySetResult(), null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        await fired.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Cancelling_a_linked_providers_timers_leaves_the_others_and_the_shared_clock()
    {
        var time = new ManualTimeProvider();
        var crashed = time.CreateLinked();
        var survivor = time.CreateLinked();
        var fired = new List<string>();
        crashed.CreateTimer(_ => fired.Add("crashed"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        survivor.CreateTimer(_ => fired.Add("survivor"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        crashed.CancelTimers();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["survivor"], fired);
        Assert.Equal(time.GetUtcNow(), survivor.GetUtcNow());
    }

    [Fact]
    public void Clock_never_goes_back()
    {
        var time = new ManualTimeProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() => time.AdvanceTo(time.GetUtcNow().AddTicks(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void Callbacks_run_as_a_real_timers_without_the_callers_synchronization_context_in_the_creators_execution_context()
    {
        var time = new ManualTimeProvider();
        var flowing = new AsyncLocal<string>();
        var seen = new List<(string Timer, SynchronizationContext? Context, string? Value)>();
        flowing.Value = "creator";
        using var flowed = time.CreateTimer(_ => seen.Add(("flowed", SynchronizationContext.Current, flowing.Value)), null,
            TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        ITimer unflowed;
        using (ExecutionContext.SuppressFlow())
        {
            unflowed = time.CreateTimer(_ => seen.Add(("unflowed", SynchronizationContext.Current, flowing.Value)), null,
                TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        }

        flowing.Value = "caller";
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(new SynchronizationContext());
        try
        {
            time.Advance(TimeSpan.FromSeconds(2));
            Assert.NotNull(SynchronizationContext.Current);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
            unflowed.Dispose();
        }

        Assert.Equal([("flowed", null, "creator"), ("unflowed", null, null)], seen);
        Assert.Equal("caller", flowing.Value);
    }
}
