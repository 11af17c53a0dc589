using Silo.Concurrency;
using Silo.Persistence;

namespace Silo.Tests.Grains;

public sealed class AccountState
{
    public long BalanceCents { get; set; }

    public List<string> History { get; set; } = [];
}

public interface IAccountGrain : IGrainWithStringKey
{
    Task<long> Deposit(long cents);

    Task<long> Balance();

    Task<(string? ETag, bool RecordExists)> Version();

    Task<Guid> GetActivationId();

    Task Clear();
}

public sealed class AccountGrain([PersistentState("account")] IPersistentState<AccountState> account) : Grain, IAccountGrain
{
    public async Task<long> Deposit(long cents)
    {
        account.State.BalanceCents += cents;
        account.State.History.Add($"+{cents}");
        await account.WriteStateAsync();
        return account.State.BalanceCents;
    }

    public Task<long> Balance() => Task.FromResult(account.State.BalanceCents);

    public Task<(string? ETag, bool RecordExists)> Version() => Task.FromResult((account.Etag, account.RecordExists));

    public Task<Guid> GetActivationId() => Task.FromResult(Context.ActivationId);

    public Task Clear() => account.ClearStateAsync();
}

public sealed class TallyState
{
    public int Value { get; set; }
}

public interface ITallyGrain : IGrainWithStringKey
{
    Task SetAndSave(int value);

    Task<int> Stored();
}

/// <summary>Reentrant, on the slow storage: concurrent calls write concurrently, which the runtime must coalesce.</summary>
[Reentrant]
public sealed class TallyGrain([PersistentState("tally", "slow")] IPersistentState<TallyState> tally) : Grain, ITallyGrain
{
    public async Task SetAndSave(int value)
    {
        tally.State.Value = value;
        await tally.WriteStateAsync();
    }

    public async Task<int> Stored()
    {
        await tally.ReadStateAsync();
        return tally.State.Value;
    }
}
