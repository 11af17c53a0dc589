using Silo.Persistence;
using Silo.Testing.Hosting;

namespace Silo.Postgres.Tests.Runtime;

public sealed class PiggyBankSilo : TestSiloFixture
{
    protected override void Configure(TestSiloBuilder silo) => silo.AddGrainAssemblyOf<PiggyBankGrain>();
}

/// <summary>[PersistentState] through the real runtime and PostgreSQL.</summary>
public sealed class PersistentStateEndToEndTests(PiggyBankSilo silo) : IClassFixture<PiggyBankSilo>
{
    [Fact]
    public async Task Persistent_state_survives_deactivation()
    {
        var bank = silo.GrainFactory.GetGrain<IPiggyBankGrain>(NewKey());
        await bank.Deposit(300);
        var firstActivation = await bank.GetActivationId();

        await silo.Diagnostics.DeactivateAsync(bank);

        Assert.Equal(300, await bank.GetBalance());
        Assert.NotEqual(firstActivation, await bank.GetActivationId());
    }

    [Fact]
    public async Task State_lands_in_grain_state_under_the_grain_type_and_storage_key()
    {
        var key = NewKey();
        await silo.GrainFactory.GetGrain<IPiggyBankGrain>(key).Deposit(42);

        await using var command = silo.DataSource.CreateCommand(
            "SELECT (payload->>'balanceCents')::bigint FROM grain_state WHERE service_id = 'test' AND grain_type = 'PiggyBank' AND grain_key = $1 AND state_name = 'bank'");
        command.Parameters.Add(new() { Value = "s:" + key });
        Assert.Equal(42L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Persistent_state_survives_a_graceful_restart()
    {
        await using var own = await TestSilo.StartAsync(s => s.AddGrainAssemblyOf<PiggyBankGrain>());
        var key = NewKey();
        await own.GrainFactory.GetGrain<IPiggyBankGrain>(key).Deposit(150);
        await own.GrainFactory.GetGrain<IPiggyBankGrain>(key).Deposit(50);

        await own.RestartAsync();

        Assert.Equal(200, await own.GrainFactory.GetGrain<IPiggyBankGrain>(key).GetBalance());
    }

    [Fact]
    public async Task After_a_crash_written_state_survives_and_unwritten_state_is_lost()
    {
        await using var own = await TestSilo.StartAsync(s => s.AddGrainAssemblyOf<PiggyBankGrain>());
        var key = NewKey();
        await own.GrainFactory.GetGrain<IPiggyBankGrain>(key).Deposit(100);
        await own.GrainFactory.GetGrain<IPiggyBankGrain>(key).Promise(900);

        await own.RestartAsync(SiloStopMode.Abrupt);

        Assert.Equal(100, await own.GrainFactory.GetGrain<IPiggyBankGrain>(key).GetBalance());
    }

    [Fact]
    public async Task Two_hosts_writing_one_state_the_stale_activation_gets_inconsistent_state_then_recovers()
    {
        var key = NewKey();
        await using var second = await silo.StartAdditionalSiloAsync();
        var inFirst = silo.GrainFactory.GetGrain<IPiggyBankGrain>(key);
        var inSecond = second.GrainFactory.GetGrain<IPiggyBankGrain>(key);
        await inFirst.GetBalance();
        await inSecond.GetBalance(); // both activations have read "nothing stored"

        await inFirst.Deposit(10);
        await Assert.ThrowsAsync<InconsistentStateException>(() => inSecond.Deposit(5));

        // The runtime drops the stale activation; the next call re-reads the stored state and succeeds.
        await second.Diagnostics.WaitForDeactivationAsync(inSecond);
        Assert.Equal(15, await inSecond.Deposit(5));
        Assert.Equal(10, await inFirst.GetBalance()); // the first activation's memory is stale now, as expected
        await Assert.ThrowsAsync<InconsistentStateException>(() => inFirst.Deposit(1));
    }

    static string NewKey() => "bank-" + Guid.NewGuid().ToString("N");
}
