using Silo.Concurrency;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Grains;

public interface ITurnCheckingGrain : IGrainWithStringKey
{
    Task IncrementAcrossAwaits();

    Task<(int Count, int MaxInside)> Totals();
}

/// <summary>Increments around awaits and records how many calls were ever inside at once.</summary>
public sealed class TurnCheckingGrain : Grain, ITurnCheckingGrain
{
    int _count;
    int _inside;
    int _maxInside;

    public async Task IncrementAcrossAwaits()
    {
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
        var before = _count;
        await Task.Yield();
        if (before % 100 == 0)
        {
            await Task.Delay(1);
        }

        _count = before + 1;
        _inside--;
    }

    public Task<(int Count, int MaxInside)> Totals() => Task.FromResult((_count, _maxInside));
}

public interface IBlockingGrain : IGrainWithStringKey
{
    /// <summary>Waits for the probe signal "release:{key}", counting "entered:{key}".</summary>
    Task Block();

    [AlwaysInterleave]
    Task<string> Ping();

    [ReadOnly]
    Task<int> Read();

    Task Write(int value);

    Task<int> MaxConcurrentReads();

    Task<bool> WriteSawReadsRunning();
}

/// <summary>Non-reentrant. Reads wait for "release-reads:{key}" and count "reading:{key}".</summary>
public sealed class BlockingGrain(GrainProbe probe) : Grain, IBlockingGrain
{
    int _value;
    int _reading;
    int _maxReading;
    bool _writeSawReads;

    string Key => this.GetPrimaryKeyString();

    public async Task Block()
    {
        probe.Increment($"entered:{Key}");
        await probe.WaitAsync($"release:{Key}");
    }

    public Task<string> Ping() => Task.FromResult("pong");

    public async Task<int> Read()
    {
        _reading++;
        _maxReading = Math.Max(_maxReading, _reading);
        probe.Increment($"reading:{Key}");
        await probe.WaitAsync($"release-reads:{Key}");
        _reading--;
        return _value;
    }

    public Task Write(int value)
    {
        _writeSawReads |= _reading > 0;
        _value = value;
        probe.Record($"write {Key} {value}");
        return Task.CompletedTask;
    }

    public Task<int> MaxConcurrentReads() => Task.FromResult(_maxReading);

    public Task<bool> WriteSawReadsRunning() => Task.FromResult(_writeSawReads);
}

public interface IReentrantBlockingGrain : IGrainWithStringKey
{
    Task Block();
}

[Reentrant]
public sealed class ReentrantBlockingGrain(GrainProbe probe) : Grain, IReentrantBlockingGrain
{
    public async Task Block()
    {
        var key = this.GetPrimaryKeyString();
        probe.Increment($"entered:{key}");
        await probe.WaitAsync($"release:{key}");
    }
}

/// <summary>Answers pings; implemented by both cycle grains, so only ever reached through a grain id.</summary>
public interface IPingableGrain : IGrainWithStringKey
{
    Task<string> Ping();
}

public interface ICycleGrain : IPingableGrain
{
    /// <summary>Calls <paramref name="next"/>.Bounce(this), which calls back into this grain.</summary>
    Task<string> Start(ICycleGrain next);

    Task<string> Bounce(IPingableGrain origin);

    Task<string> CallSelf();
}

public sealed class CycleGrain : Grain, ICycleGrain
{
    /// <summary>Keys starting "loop-" call back into themselves from OnActivateAsync, through another grain.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        if (key.StartsWith("loop-", StringComparison.Ordinal))
        {
            await GrainFactory.GetGrain<ICycleGrain>("helper-" + key).Bounce(this.AsReference<IPingableGrain>());
        }
    }

    public Task<string> Start(ICycleGrain next) => next.Bounce(this.AsReference<IPingableGrain>());

    public async Task<string> Bounce(IPingableGrain origin) => "bounced " + await origin.Ping();

    public Task<string> Ping() => Task.FromResult($"ping from {this.GetPrimaryKeyString()}");

    public Task<string> CallSelf() => this.AsReference<IPingableGrain>().Ping();
}

public interface IReentrantCycleGrain : IPingableGrain
{
    Task<string> Start(ICycleGrain next);
}

[Reentrant]
public sealed class ReentrantCycleGrain : Grain, IReentrantCycleGrain
{
    public Task<string> Start(ICycleGrain next) => next.Bounce(this.AsReference<IPingableGrain>());

    public Task<string> Ping() => Task.FromResult($"ping from {this.GetPrimaryKeyString()}");
}

public interface ISlowGrain : IGrainWithStringKey
{
    /// <summary>Waits for "finish:{key}", well past its 200 ms response timeout.</summary>
    [ResponseTimeout("00:00:00.200")]
    Task<int> SlowerThanItsTimeout();

    /// <summary>Waits for "finish:{key}" under the silo's default timeout.</summary>
    Task<int> WaitForFinish();

    [OneWay]
    Task FireAndForget();

    Task<string?> ReadRequestContext(string key);

    Task<string?> ReadRequestContextThrough(ISlowGrain other, string key);
}

public sealed class SlowGrain(GrainProbe probe) : Grain, ISlowGrain
{
    public async Task<int> SlowerThanItsTimeout()
    {
        await probe.WaitAsync($"finish:{this.GetPrimaryKeyString()}");
        return 1;
    }

    public async Task<int> WaitForFinish()
    {
        await probe.WaitAsync($"finish:{this.GetPrimaryKeyString()}");
        return 2;
    }

    public async Task FireAndForget()
    {
        await probe.WaitAsync($"finish:{this.GetPrimaryKeyString()}");
        probe.Increment($"fired:{this.GetPrimaryKeyString()}");
    }

    public Task<string?> ReadRequestContext(string key) => Task.FromResult(RequestContext.Get(key) as string);

    public Task<string?> ReadRequestContextThrough(ISlowGrain other, string key) => other.ReadRequestContext(key);
}

public interface IPoolWorkerGrain : IGrainWithStringKey
{
    /// <summary>Counts "pool-entered:{key}", waits for "pool-release:{key}", returns its activation id.</summary>
    Task<Guid> Work();
}

[StatelessWorker(3)]
public sealed class PoolWorkerGrain(GrainProbe probe) : Grain, IPoolWorkerGrain
{
    int _inside;

    public async Task<Guid> Work()
    {
        var key = this.GetPrimaryKeyString();
        if (++_inside > 1)
        {
            throw new InvalidOperationException("Two calls inside one stateless worker at once.");
        }

        probe.Increment($"pool-entered:{key}");
        await probe.WaitAsync($"pool-release:{key}");
        _inside--;
        return Context.ActivationId;
    }
}

public interface ISchedulerProbeGrain : IGrainWithStringKey
{
    Task<bool> ResumesOnItsOwnScheduler();

    Task TurnTouchingSharedState();

    Task<int> ParallelTurnsSeen();
}

/// <summary>Reentrant: requests interleave at awaits, yet its turns must never run on two threads at once.</summary>
[Reentrant]
public sealed class SchedulerProbeGrain : Grain, ISchedulerProbeGrain
{
    int _inTurn;
    int _parallelTurns;

    public async Task<bool> ResumesOnItsOwnScheduler()
    {
        var scheduler = TaskScheduler.Current;
        await Task.Delay(1);
        var afterDelay = TaskScheduler.Current;
        await Task.Yield();
        return scheduler != TaskScheduler.Default && scheduler == afterDelay && scheduler == TaskScheduler.Current;
    }

    public async Task TurnTouchingSharedState()
    {
        Turn();
        await Task.Yield();
        Turn();
        await Task.Delay(1);
        Turn();
    }

    public Task<int> ParallelTurnsSeen() => Task.FromResult(_parallelTurns);

    void Turn()
    {
        if (Interlocked.Increment(ref _inTurn) > 1)
        {
            Interlocked.Increment(ref _parallelTurns);
        }

        Thread.SpinWait(2000);
        Interlocked.Decrement(ref _inTurn);
    }
}

public interface INotifyingGrain : IGrainWithStringKey
{
    /// <summary>Sends a one-way nudge to <paramref name="other"/>, which calls back <see cref="Get"/> while this call still runs.</summary>
    Task<int> NudgeAndWait(INudgedGrain other);

    Task<int> Get();
}

public interface INudgedGrain : IGrainWithStringKey
{
    [OneWay]
    Task Nudge(INotifyingGrain origin);
}

public sealed class NotifyingGrain(GrainProbe probe) : Grain, INotifyingGrain
{
    public async Task<int> NudgeAndWait(INudgedGrain other)
    {
        await other.Nudge(this.AsReference<INotifyingGrain>());
        await probe.WaitAsync($"nudged:{this.GetPrimaryKeyString()}");
        return 1;
    }

    public Task<int> Get() => Task.FromResult(42);
}

public sealed class NudgedGrain(GrainProbe probe) : Grain, INudgedGrain
{
    public async Task Nudge(INotifyingGrain origin)
    {
        var key = origin.GetGrainId().Key.Text;
        var call = origin.Get();
        probe.Set($"nudged:{key}");
        probe.Record($"callback {await call}");
    }
}
