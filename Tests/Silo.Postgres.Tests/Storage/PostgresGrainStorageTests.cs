using Npgsql;
using Silo.Persistence;
using Silo.Postgres.Hosting;
using Silo.Postgres.Storage;

namespace Silo.Postgres.Tests.Storage;

/// <summary>The grain_state provider against a real database: ETag protocol, identity of rows, JSON payload.</summary>
public sealed class PostgresGrainStorageTests(SiloSchemaDatabase fixture) : IClassFixture<SiloSchemaDatabase>
{
    static readonly GrainType AccountType = new("Account");

    readonly PostgresGrainStorage _storage = new(fixture.Database.DataSource, "flattr-tests", SiloPostgresOptions.CreateDefaultJson());

    NpgsqlDataSource DataSource => fixture.Database.DataSource;

    [Fact]
    public async Task Written_state_reads_back_with_its_etag()
    {
        var id = NewAccount();
        var written = new TestState<Account>(new Account("ada", 1250, ["a", "b"]));

        await _storage.WriteStateAsync("state", id, written, CancellationToken.None);
        var read = await ReadAsync(id);

        Assert.Equal("1", written.ETag);
        Assert.True(written.RecordExists);
        Assert.Equal("1", read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal("ada", read.State.Owner);
        Assert.Equal(1250, read.State.BalanceCents);
        Assert.Equal(["a", "b"], read.State.Tags);
    }

    [Fact]
    public async Task Each_write_bumps_the_etag_by_one()
    {
        var id = NewAccount();
        var state = new TestState<Account>(new Account("bo", 1, []));

        await _storage.WriteStateAsync("state", id, state, CancellationToken.None);
        state.State = state.State with { BalanceCents = 2 };
        await _storage.WriteStateAsync("state", id, state, CancellationToken.None);
        state.State = state.State with { BalanceCents = 3 };
        await _storage.WriteStateAsync("state", id, state, CancellationToken.None);

        Assert.Equal("3", state.ETag);
        Assert.Equal(3, (await ReadAsync(id)).State.BalanceCents);
    }

    [Fact]
    public async Task Read_of_never_written_state_has_no_etag_and_no_record()
    {
        var read = await ReadAsync(NewAccount());

        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
        Assert.Equal("nobody", read.State.Owner);
    }

    [Fact]
    public async Task Stale_etag_write_is_rejected_and_keeps_newer_state()
    {
        var id = NewAccount();
        await _storage.WriteStateAsync("state", id, new TestState<Account>(new Account("cy", 100, [])), CancellationToken.None);
        var first = await ReadAsync(id);
        var second = await ReadAsync(id);
        first.State = first.State with { BalanceCents = 200 };
        await _storage.WriteStateAsync("state", id, first, CancellationToken.None);

        second.State = second.State with { BalanceCents = 999 };
        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteStateAsync("state", id, second, CancellationToken.None));

        Assert.Equal("2", error.StoredEtag);
        Assert.Equal("1", error.CurrentEtag);
        Assert.Equal("1", second.ETag);
        var stored = await ReadAsync(id);
        Assert.Equal(200, stored.State.BalanceCents);
        Assert.Equal("2", stored.ETag);
    }

    [Fact]
    public async Task Of_many_concurrent_first_writers_exactly_one_wins()
    {
        var id = NewAccount();
        var writers = Enumerable.Range(0, 8).Select(i => new TestState<Account>(new Account($"writer{i}", i, []))).ToList();

        var outcomes = await Task.WhenAll(writers.Select(async writer =>
        {
            try
            {
                await _storage.WriteStateAsync("state", id, writer, CancellationToken.None);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, won => won);
        var winner = writers[Array.IndexOf(outcomes, true)];
        var stored = await ReadAsync(id);
        Assert.Equal(winner.State.Owner, stored.State.Owner);
        Assert.Equal("1", stored.ETag);
    }

    [Fact]
    public async Task First_write_over_an_existing_record_is_rejected()
    {
        var id = NewAccount();
        await _storage.WriteStateAsync("state", id, new TestState<Account>(new Account("dee", 5, [])), CancellationToken.None);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteStateAsync("state", id, new TestState<Account>(new Account("eve", 6, [])), CancellationToken.None));

        Assert.Equal("1", error.StoredEtag);
        Assert.Null(error.CurrentEtag);
        Assert.Equal("dee", (await ReadAsync(id)).State.Owner);
    }

    [Fact]
    public async Task Clear_of_never_written_state_is_a_no_op()
    {
        var id = NewAccount();
        var state = new TestState<Account>(new Account("fay", 0, []));

        await _storage.ClearStateAsync("state", id, state, CancellationToken.None);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.False((await ReadAsync(id)).RecordExists);
    }

    [Fact]
    public async Task Cleared_state_reads_as_never_written_and_can_be_written_again()
    {
        var id = NewAccount();
        var state = new TestState<Account>(new Account("gus", 7, []));
        await _storage.WriteStateAsync("state", id, state, CancellationToken.None);

        await _storage.ClearStateAsync("state", id, state, CancellationToken.None);
        var afterClear = await ReadAsync(id);
        state.State = new Account("gus", 8, []);
        await _storage.WriteStateAsync("state", id, state, CancellationToken.None);

        Assert.Null(afterClear.ETag);
        Assert.False(afterClear.RecordExists);
        Assert.True(state.RecordExists);
        Assert.Equal(8, (await ReadAsync(id)).State.BalanceCents);
    }

    [Fact]
    public async Task Etag_read_before_a_clear_never_matches_the_state_written_after_it()
    {
        var id = NewAccount();
        await _storage.WriteStateAsync("state", id, new TestState<Account>(new Account("hal", 1, [])), CancellationToken.None);
        var old = await ReadAsync(id);
        var other = await ReadAsync(id);
        await _storage.ClearStateAsync("state", id, other, CancellationToken.None);
        await _storage.WriteStateAsync("state", id, other, CancellationToken.None);

        old.State = old.State with { BalanceCents = 666 };
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("state", id, old, CancellationToken.None));

        Assert.Equal(1, (await ReadAsync(id)).State.BalanceCents);
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_is_rejected_and_keeps_the_state()
    {
        var id = NewAccount();
        await _storage.WriteStateAsync("state", id, new TestState<Account>(new Account("ivy", 1, [])), CancellationToken.None);
        var stale = await ReadAsync(id);
        var fresh = await ReadAsync(id);
        await _storage.WriteStateAsync("state", id, fresh, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("state", id, stale, CancellationToken.None));

        Assert.Equal("2", error.StoredEtag);
        Assert.True((await ReadAsync(id)).RecordExists);
    }

    [Fact]
    public async Task Clear_without_etag_of_state_someone_wrote_is_rejected()
    {
        var id = NewAccount();
        var unaware = await ReadAsync(id);
        await _storage.WriteStateAsync("state", id, new TestState<Account>(new Account("jo", 1, [])), CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("state", id, unaware, CancellationToken.None));

        Assert.True((await ReadAsync(id)).RecordExists);
    }

    [Fact]
    public async Task Etag_that_was_never_issued_is_a_conflict()
    {
        var id = NewAccount();
        await _storage.WriteStateAsync("state", id, new TestState<Account>(new Account("kit", 1, [])), CancellationToken.None);
        var forged = new TestState<Account>(new Account("kit", 2, [])) { ETag = "not-a-version" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("state", id, forged, CancellationToken.None));
    }

    [Fact]
    public async Task All_digit_string_key_and_integer_key_are_different_rows()
    {
        var number = Random.Shared.NextInt64(1, long.MaxValue);
        var asString = new GrainId(AccountType, GrainKey.FromString(number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var asInteger = new GrainId(AccountType, GrainKey.FromInteger(number));

        await _storage.WriteStateAsync("state", asString, new TestState<Account>(new Account("string", 1, [])), CancellationToken.None);
        await _storage.WriteStateAsync("state", asInteger, new TestState<Account>(new Account("integer", 2, [])), CancellationToken.None);

        Assert.Equal("string", (await ReadAsync(asString)).State.Owner);
        Assert.Equal("integer", (await ReadAsync(asInteger)).State.Owner);
        Assert.Equal(2L, await CountRowsAsync("grain_key IN ($1, $2)", "s:" + number, "i:" + number));
    }

    [Fact]
    public async Task Same_key_in_two_grain_types_is_two_rows()
    {
        var key = GrainKey.FromGuid(Guid.NewGuid());
        var account = new GrainId(AccountType, key);
        var wallet = new GrainId(new GrainType("Wallet"), key);

        await _storage.WriteStateAsync("state", account, new TestState<Account>(new Account("account", 1, [])), CancellationToken.None);
        await _storage.WriteStateAsync("state", wallet, new TestState<Account>(new Account("wallet", 2, [])), CancellationToken.None);

        Assert.Equal("account", (await ReadAsync(account)).State.Owner);
        Assert.Equal("wallet", (await ReadAsync(wallet)).State.Owner);
    }

    [Fact]
    public async Task Two_state_names_of_one_grain_are_two_rows()
    {
        var id = NewAccount();

        await _storage.WriteStateAsync("profile", id, new TestState<Account>(new Account("profile", 1, [])), CancellationToken.None);
        await _storage.WriteStateAsync("settings", id, new TestState<Account>(new Account("settings", 2, [])), CancellationToken.None);

        Assert.Equal("profile", (await ReadAsync(id, "profile")).State.Owner);
        Assert.Equal("settings", (await ReadAsync(id, "settings")).State.Owner);
    }

    [Fact]
    public async Task Same_grain_in_two_services_is_two_rows()
    {
        var id = NewAccount();
        var other = Storage("other-service");

        await _storage.WriteStateAsync("state", id, new TestState<Account>(new Account("ours", 1, [])), CancellationToken.None);
        var theirs = new TestState<Account>(new Account("nobody", 0, []));
        await other.ReadStateAsync("state", id, theirs, CancellationToken.None);

        Assert.False(theirs.RecordExists);
        Assert.Equal("ours", (await ReadAsync(id)).State.Owner);
    }

    [Theory]
    [InlineData("s:Hello World/ü 42+x")]
    [InlineData("s:")]
    [InlineData("s:007")]
    [InlineData("i:-9223372036854775808")]
    [InlineData("g:8f2b6a1e-1d2c-4e5f-9a8b-7c6d5e4f3a2b")]
    [InlineData("gc:8f2b6a1e-1d2c-4e5f-9a8b-7c6d5e4f3a2b+2026-01")]
    [InlineData("ic:42+2026-01")]
    public async Task Keys_are_stored_verbatim_as_their_storage_string(string storageString)
    {
        var type = new GrainType("Verbatim" + Guid.NewGuid().ToString("N"));
        var id = new GrainId(type, GrainKey.ParseStorageString(storageString));

        await _storage.WriteStateAsync("state", id, new TestState<Account>(new Account("v", 1, [])), CancellationToken.None);

        await using var command = DataSource.CreateCommand("SELECT grain_key FROM grain_state WHERE grain_type = $1");
        command.Parameters.Add(new() { Value = type.Name });
        Assert.Equal(storageString, (string?)await command.ExecuteScalarAsync());
        Assert.Equal("v", (await ReadAsync(id)).State.Owner);
    }

    [Fact]
    public async Task State_is_stored_as_camel_case_json_that_sql_can_query()
    {
        var id = NewAccount();

        await _storage.WriteStateAsync("state", id, new TestState<Account>(new Account("lu", 4321, ["x"])), CancellationToken.None);

        await using var command = DataSource.CreateCommand(
            "SELECT (payload->>'balanceCents')::bigint FROM grain_state WHERE service_id = 'flattr-tests' AND grain_key = $1");
        command.Parameters.Add(new() { Value = id.Key.ToStorageString() });
        Assert.Equal(4321L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Written_timestamps_are_utc_and_modified_moves_with_writes()
    {
        var id = NewAccount();
        var state = new TestState<Account>(new Account("mo", 1, []));
        await _storage.WriteStateAsync("state", id, state, CancellationToken.None);
        var (created1, modified1) = await TimestampsAsync(id);
        await _storage.WriteStateAsync("state", id, state, CancellationToken.None);
        var (created2, modified2) = await TimestampsAsync(id);

        Assert.Equal(DateTimeKind.Utc, created1.Kind);
        Assert.InRange(created1, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(5));
        Assert.Equal(created1, created2);
        Assert.True(modified2 > modified1);
    }

    PostgresGrainStorage Storage(string serviceId) => new(fixture.Database.DataSource, serviceId, SiloPostgresOptions.CreateDefaultJson());

    static GrainId NewAccount() => new(AccountType, GrainKey.FromString("acct-" + Guid.NewGuid().ToString("N")));

    async Task<TestState<Account>> ReadAsync(GrainId id, string stateName = "state")
    {
        var state = new TestState<Account>(new Account("nobody", 0, []));
        await _storage.ReadStateAsync(stateName, id, state, CancellationToken.None);
        return state;
    }

    async Task<long> CountRowsAsync(string where, params string[] values)
    {
        await using var command = DataSource.CreateCommand("SELECT count(*) FROM grain_state WHERE " + where);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    async Task<(DateTime Created, DateTime Modified)> TimestampsAsync(GrainId id)
    {
        await using var command = DataSource.CreateCommand("SELECT created_at, modified_at FROM grain_state WHERE grain_key = $1");
        command.Parameters.Add(new() { Value = id.Key.ToStorageString() });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetDateTime(0), reader.GetDateTime(1));
    }
}
