using Silo.Persistence;
using Silo.Reminders;

namespace Silo.Postgres.Tests.Runtime;

public interface IPiggyBankGrain : IGrainWithStringKey
{
    /// <summary>Adds to the balance and writes the state.</summary>
    Task<long> Deposit(long cents);

    /// <summary>Adds to the balance in memory only, never written.</summary>
    Task Promise(long cents);

    Task<long> GetBalance();

    Task<Guid> GetActivationId();
}

public sealed class PiggyBankState
{
    public long BalanceCents { get; set; }

    public int Deposits { get; set; }
}

public sealed class PiggyBankGrain([PersistentState("bank")] IPersistentState<PiggyBankState> bank) : Grain, IPiggyBankGrain
{
    public async Task<long> Deposit(long cents)
    {
        bank.State.BalanceCents += cents;
        bank.State.Deposits++;
        await bank.WriteStateAsync();
        return bank.State.BalanceCents;
    }

    public Task Promise(long cents)
    {
        bank.State.BalanceCents += cents;
        return Task.CompletedTask;
    }

    public Task<long> GetBalance() => Task.FromResult(bank.State.BalanceCents);

    public Task<Guid> GetActivationId() => Task.FromResult(Context.ActivationId);
}

public interface ITickerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan dueTime, TimeSpan period);

    Task<int> GetTicks();
}

public sealed class TickerState
{
    public int Ticks { get; set; }

    public DateTimeOffset LastTick { get; set; }
}

/// <summary>Counts reminder ticks in persistent state, under the storage named explicitly "Default".</summary>
public sealed class TickerGrain([PersistentState("ticks", "Default")] IPersistentState<TickerState> ticks) : Grain, ITickerGrain, IRemindable
{
    public Task Start(TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder("tick", dueTime, period);

    public Task<int> GetTicks() => Task.FromResult(ticks.State.Ticks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ticks.State.Ticks++;
        ticks.State.LastTick = status.CurrentTickTime;
        await ticks.WriteStateAsync();
    }
}
