using System.Diagnostics;
using Silo.Concurrency;
using Silo.Tests.Grains;
using Silo.Tests.Infrastructure;

namespace Silo.Tests;

public sealed class SchedulingTests
{
    [Fact]
    public async Task Thousand_concurrent_calls_to_a_non_reentrant_grain_never_interleave()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ITurnCheckingGrain>("turns");

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(grain.IncrementAcrossAwaits)));

        var (count, maxInside) = await grain.Totals();
        Assert.Equal(1000, count);
        Assert.Equal(1, maxInside);
    }

    [Fact]
    public async Task A_grain_calling_an_idle_grain_runs_the_callees_turn_at_once_on_its_own_thread()
    {
        await using var silo = await TestSilo.StartAsync();
        var first = silo.Grains.GetGrain<IChainGrain>(1);
        await silo.Grains.GetGrain<IChainGrain>(2).Answer();

        for (var i = 0; i < 10; i++)
        {
            Assert.True(await first.NextAnsweredAtOnce());
        }
    }

    [Fact]
    public async Task A_chain_of_grains_deeper_than_the_inline_limit_completes()
    {
        await using var silo = await TestSilo.StartAsync();

        Assert.Equal(51, await silo.Grains.GetGrain<IChainGrain>(100).Pass(50));
        // Again, with every activation made: now the whole chain could nest.
        Assert.Equal(51, await silo.Grains.GetGrain<IChainGrain>(100).Pass(50));
    }

    [Fact]
    public async Task Calls_from_many_grains_into_one_non_reentrant_grain_never_interleave_its_turns()
    {
        await using var silo = await TestSilo.StartAsync();
        var shared = silo.Grains.GetGrain<ITurnCheckingGrain>("shared");

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(() => silo.Grains.GetGrain<IChainGrain>(1000 + i).Relay(shared))));

        var (count, maxInside) = await shared.Totals();
        Assert.Equal(1000, count);
        Assert.Equal(1, maxInside);
    }

    [Fact]
    public async Task Reentrant_grain_interleaves_calls_at_awaits()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IReentrantBlockingGrain>("reentrant");

        var calls = Enumerable.Range(0, 10).Select(_ => grain.Block()).ToList();
        await silo.Probe.WaitForCountAsync("entered:reentrant", 10);
        silo.Probe.Set("release:reentrant");

        await Task.WhenAll(calls);
    }

    [Fact]
    public async Task Non_reentrant_grain_holds_later_calls_until_the_running_one_finishes()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IBlockingGrain>("exclusive");

        var first = grain.Block();
        var second = grain.Block();
        await silo.Probe.WaitForCountAsync("entered:exclusive", 1);
        await Task.Delay(20);
        Assert.Equal(1, silo.Probe.Count("entered:exclusive"));

        silo.Probe.Set("release:exclusive");
        await Task.WhenAll(first, second);
        Assert.Equal(2, silo.Probe.Count("entered:exclusive"));
    }

    [Fact]
    public async Task AlwaysInterleave_method_runs_while_a_blocking_call_is_in_progress()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IBlockingGrain>("interleave");
        var blocking = grain.Block();
        await silo.Probe.WaitForCountAsync("entered:interleave", 1);

        Assert.Equal("pong", await grain.Ping());

        Assert.False(blocking.IsCompleted);
        silo.Probe.Set("release:interleave");
        await blocking;
    }

    [Fact]
    public async Task ReadOnly_calls_interleave_with_each_other_but_not_with_writes()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IBlockingGrain>("readers");
        await grain.Write(7);

        var reads = new[] { grain.Read(), grain.Read(), grain.Read() };
        await silo.Probe.WaitForCountAsync("reading:readers", 3);
        var write = grain.Write(8);
        await Task.Delay(20);
        Assert.False(write.IsCompleted);

        silo.Probe.Set("release-reads:readers");
        var values = await Task.WhenAll(reads);
        Assert.Equal([7, 7, 7], values);
        await write;

        Assert.Equal(3, await grain.MaxConcurrentReads());
        Assert.False(await grain.WriteSawReadsRunning());
    }

    [Fact]
    public async Task A_call_cycle_through_non_reentrant_grains_fails_fast_with_DeadlockException_naming_the_cycle()
    {
        await using var silo = await TestSilo.StartAsync();
        var a = silo.Grains.GetGrain<ICycleGrain>("a");
        var b = silo.Grains.GetGrain<ICycleGrain>("b");
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DeadlockException>(() => a.Start(b));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        Assert.Equal([a.GetGrainId(), b.GetGrainId(), a.GetGrainId()], error.CallChain);
        Assert.Contains("Cycle/s:a -> Cycle/s:b -> Cycle/s:a", error.Message, StringComparison.Ordinal);
        Assert.Equal("ping from a", await a.Ping());
    }

    [Fact]
    public async Task A_non_reentrant_grain_awaiting_a_call_to_itself_fails_fast_with_DeadlockException()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICycleGrain>("self");

        var error = await Assert.ThrowsAsync<DeadlockException>(grain.CallSelf);

        Assert.Equal([grain.GetGrainId(), grain.GetGrainId()], error.CallChain);
    }

    [Fact]
    public async Task A_call_looping_back_into_a_grain_from_its_own_OnActivateAsync_fails_fast_with_DeadlockException()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICycleGrain>("loop-1");
        var helper = silo.Grains.GetGrain<ICycleGrain>("helper-loop-1");

        var error = await Assert.ThrowsAsync<DeadlockException>(grain.Ping);

        Assert.Equal([grain.GetGrainId(), helper.GetGrainId(), grain.GetGrainId()], error.CallChain);
    }

    [Fact]
    public async Task A_callback_caused_by_a_one_way_call_waits_its_turn_instead_of_failing_as_a_deadlock()
    {
        await using var silo = await TestSilo.StartAsync();
        var origin = silo.Grains.GetGrain<INotifyingGrain>("origin");

        Assert.Equal(1, await origin.NudgeAndWait(silo.Grains.GetGrain<INudgedGrain>("nudged")));

        await silo.Probe.WaitForEventAsync("callback 42");
    }

    [Fact]
    public async Task The_same_cycle_through_a_reentrant_grain_completes()
    {
        await using var silo = await TestSilo.StartAsync();
        var a = silo.Grains.GetGrain<IReentrantCycleGrain>("ra");
        var b = silo.Grains.GetGrain<ICycleGrain>("rb");

        Assert.Equal("bounced ping from ra", await a.Start(b));
    }

    [Fact]
    public async Task Continuations_after_awaits_come_back_to_the_grain_scheduler()
    {
        await using var silo = await TestSilo.StartAsync();

        Assert.True(await silo.Grains.GetGrain<ISchedulerProbeGrain>("resume").ResumesOnItsOwnScheduler());
    }

    [Fact]
    public async Task Turns_of_a_reentrant_grain_interleave_but_never_run_in_parallel()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ISchedulerProbeGrain>("parallel");

        await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => Task.Run(grain.TurnTouchingSharedState)));

        Assert.Equal(0, await grain.ParallelTurnsSeen());
    }

    [Fact]
    public async Task Stateless_worker_spreads_calls_over_local_activations_up_to_its_limit()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IPoolWorkerGrain>("pool");

        var calls = Enumerable.Range(0, 6).Select(_ => grain.Work()).ToList();
        await silo.Probe.WaitForCountAsync("pool-entered:pool", 3);
        await Task.Delay(20);

        Assert.Equal(3, silo.Probe.Count("pool-entered:pool"));
        Assert.Equal(3, silo.Diagnostics.GetActivationCountsByType()["PoolWorker"]);
        silo.Probe.Set("pool-release:pool");
        var activations = await Task.WhenAll(calls);
        Assert.Equal(3, activations.Distinct().Count());
    }
}
