using Silo.Reminders;
using Silo.Tests.Infrastructure;
using Silo.Timers;

namespace Silo.Tests.Grains;

public interface ITickingGrain : IGrainWithStringKey
{
    Task StartTimer(TimeSpan period, bool waitInTick);

    Task<string> Request();

    Task<int> MaxInside();
}

/// <summary>
/// A timer whose ticks count "tick:{key}" and, when asked, wait for "release-tick:{key}:{n}" — long ticks, to show that
/// neither later ticks nor requests overlap them.
/// </summary>
public sealed class TickingGrain(GrainProbe probe) : Grain, ITickingGrain
{
    int _inside;
    int _maxInside;
    IGrainTimer? _timer;

    string Key => this.GetPrimaryKeyString();

    public Task StartTimer(TimeSpan period, bool waitInTick)
    {
        _timer?.Dispose();
        _timer = RegisterGrainTimer(
            async _ =>
            {
                Enter();
                var tick = probe.Increment($"tick:{Key}");
                if (waitInTick)
                {
                    await probe.WaitAsync($"release-tick:{Key}:{tick}");
                }

                await Task.Yield();
                probe.Increment($"tick-done:{Key}");
                _inside--;
            },
            period,
            period);
        return Task.CompletedTask;
    }

    public async Task<string> Request()
    {
        Enter();
        probe.Increment($"request:{Key}");
        await Task.Yield();
        _inside--;
        return "done";
    }

    public Task<int> MaxInside() => Task.FromResult(_maxInside);

    void Enter()
    {
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
    }
}

public interface IReminderGrain : IGrainWithStringKey
{
    Task Register(string name, TimeSpan due, TimeSpan period);

    Task Unregister(string name);

    Task<bool> Has(string name);
}

/// <summary>Counts "reminder:{key}:{name}" on every tick and records the tick's activation.</summary>
public sealed class ReminderGrain(GrainProbe probe) : Grain, IReminderGrain, IRemindable
{
    public async Task Register(string name, TimeSpan due, TimeSpan period) => await RegisterOrUpdateReminder(name, due, period);

    public async Task Unregister(string name)
    {
        if (await GetReminder(name) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    public async Task<bool> Has(string name) => await GetReminder(name) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var key = this.GetPrimaryKeyString();
        probe.Increment($"reminder:{key}:{reminderName}");
        probe.Record($"reminder {key} {reminderName} {Context.ActivationId} {status.CurrentTickTime:O}");
        return Task.CompletedTask;
    }
}

public interface INotRemindableGrain : IGrainWithStringKey
{
    Task TryToRegister();
}

public sealed class NotRemindableGrain : Grain, INotRemindableGrain
{
    public Task TryToRegister() => RegisterOrUpdateReminder("nope", TimeSpan.Zero, TimeSpan.FromMinutes(1));
}
