using Microsoft.Extensions.DependencyInjection;
using Silo.Persistence;
using Silo.Tests.Grains;
using Silo.Tests.Infrastructure;

namespace Silo.Tests;

public sealed class PersistenceTests
{
    static readonly GrainId s_grain = new(new GrainType("Account"), GrainKey.FromString("unit"));

    [Fact]
    public async Task Nothing_stored_reads_as_no_record_and_no_etag()
    {
        var storage = new InMemoryGrainStorage();
        var state = new TestState();

        await storage.ReadStateAsync("account", s_grain, state, default);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Null(state.State);
    }

    [Fact]
    public async Task A_write_sets_the_etag_and_record_and_a_read_returns_a_copy()
    {
        var storage = new InMemoryGrainStorage();
        var written = new TestState { State = new AccountState { BalanceCents = 500 } };

        await storage.WriteStateAsync("account", s_grain, written, default);
        var read = new TestState();
        await storage.ReadStateAsync("account", s_grain, read, default);

        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(500, read.State!.BalanceCents);
        Assert.NotSame(written.State, read.State);
    }

    [Fact]
    public async Task Stale_etag_write_is_rejected_and_keeps_newer_state()
    {
        var storage = new InMemoryGrainStorage();
        var first = new TestState { State = new AccountState { BalanceCents = 1 } };
        await storage.WriteStateAsync("account", s_grain, first, default);
        var stale = new TestState { State = new AccountState { BalanceCents = 2 }, ETag = first.ETag };
        var newer = new TestState { State = new AccountState { BalanceCents = 3 }, ETag = first.ETag };
        await storage.WriteStateAsync("account", s_grain, newer, default);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("account", s_grain, stale, default));

        Assert.Equal(newer.ETag, error.StoredEtag);
        Assert.Equal(first.ETag, error.CurrentEtag);
        Assert.True(storage.TryGetState<AccountState>("account", s_grain, out var stored, out var eTag));
        Assert.Equal(3, stored!.BalanceCents);
        Assert.Equal(newer.ETag, eTag);
    }

    [Fact]
    public async Task Writing_a_new_record_over_an_existing_one_is_a_conflict_and_clear_removes_the_record()
    {
        var storage = new InMemoryGrainStorage();
        var owner = new TestState { State = new AccountState() };
        await storage.WriteStateAsync("account", s_grain, owner, default);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("account", s_grain, new TestState { State = new AccountState() }, default));
        await storage.ClearStateAsync("account", s_grain, owner, default);

        Assert.False(owner.RecordExists);
        Assert.Null(owner.ETag);
        Assert.Equal(0, storage.Count);
    }

    [Fact]
    public async Task Grain_state_survives_deactivation_and_exposes_etag_and_record_exists()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IAccountGrain>("persisted");
        Assert.Equal((null, false), await grain.Version());

        await grain.Deposit(250);
        var (eTag, exists) = await grain.Version();
        await silo.Diagnostics.DeactivateAsync(grain);

        Assert.Equal(250, await grain.Balance());
        Assert.Equal((eTag, exists), await grain.Version());
        Assert.True(exists);
        await grain.Clear();
        Assert.Equal((null, false), await grain.Version());
    }

    [Fact]
    public async Task InconsistentStateException_reaches_the_caller_and_deactivates_the_activation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IAccountGrain>("contested");
        await grain.Deposit(100);
        var firstActivation = await grain.GetActivationId();

        // Another writer (a duplicate activation elsewhere) wins the race.
        var other = new TestState();
        await silo.Storage.ReadStateAsync("account", grain.GetGrainId(), other, default);
        other.State!.BalanceCents = 1000;
        await silo.Storage.WriteStateAsync("account", grain.GetGrainId(), other, default);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Deposit(5));
        await silo.WaitForDeactivationAsync(grain);

        Assert.NotEqual(firstActivation, await grain.GetActivationId());
        Assert.Equal(1000, await grain.Balance());
        Assert.Equal(1010, await grain.Deposit(10));
    }

    [Fact]
    public async Task Concurrent_writes_in_a_reentrant_grain_are_coalesced_and_all_succeed()
    {
        var slow = new SlowStorage();
        await using var silo = await TestSilo.StartAsync(services: s => s.AddKeyedSingleton<IGrainStorage>("slow", slow));
        var grain = silo.Grains.GetGrain<ITallyGrain>("coalesced");

        await Task.WhenAll(Enumerable.Range(1, 20).Select(grain.SetAndSave));

        Assert.True(slow.Writes < 20, $"{slow.Writes} writes");
        Assert.Equal(20, await grain.Stored());
    }

    [Fact]
    public async Task A_missing_named_storage_fails_activation_with_a_clear_error()
    {
        await using var silo = await TestSilo.StartAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grains.GetGrain<ITallyGrain>("no-storage").Stored());

        Assert.Contains("IGrainStorage keyed 'slow'", error.Message, StringComparison.Ordinal);
    }

    sealed class TestState : IGrainState<AccountState>
    {
        public AccountState? State { get; set; }

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }

        AccountState IGrainState<AccountState>.State
        {
            get => State!;
            set => State = value;
        }
    }

    /// <summary>The in-memory storage behind a short await, so that a reentrant grain's writes overlap.</summary>
    sealed class SlowStorage : IGrainStorage
    {
        readonly InMemoryGrainStorage _inner = new();
        int _writes;

        public int Writes => _writes;

        public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
        {
            await Task.Delay(1, cancellationToken);
            await _inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);
        }

        public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _writes);
            await Task.Delay(5, cancellationToken);
            await _inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
        }

        public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken) =>
            _inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
    }
}
