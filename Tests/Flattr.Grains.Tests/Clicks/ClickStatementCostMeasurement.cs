using System.Globalization;
using Flattr.Clicks;
using Flattr.Grains.Tests.Ledger;
using Npgsql;
using Xunit.Abstractions;

namespace Flattr.Grains.Tests.Clicks;

/// <summary>
/// Measures what PostgreSQL itself spends per click in the group-commit statement (<see cref="ClickSql.Add"/> and its
/// COMMIT, as the click store sends them): the backend's CPU time (Linux /proc/self/schedstat, read through
/// pg_read_file, so the server must be local and the user a superuser) and the WAL it writes, for batches of 256, 8
/// and 1 new clicks by 512 funded givers on 5,000 things. It prints the figures and asserts only that every click was
/// added: timings on a shared 2-core box are not assertions.
/// </summary>
public sealed class ClickStatementCostMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    const int Givers = 512;
    const int Things = 5_000;
    static readonly Month Month = StoreHarness.Month;
    static readonly DateTimeOffset Now = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);
    LedgerDatabase _db = null!;
    long[] _givers = [];
    long[] _things = [];
    long _nextPair;

    public async Task InitializeAsync()
    {
        _db = await LedgerDatabase.CreateAsync();
        _givers = await _db.AddUsersAsync(Givers);
        var creators = await _db.AddUsersAsync(1_000);
        _things = await ReadIdsAsync("""
            INSERT INTO things (owner_id, url, title, category, language)
            SELECT ($1::bigint[])[1 + i % 1000], 'https://example.org/cost/' || i, 'A thing worth flattring ' || i, 'text', 'en_GB'
            FROM generate_series(1, $2) AS i ORDER BY i
            RETURNING id
            """, creators, Things);
        await _db.ExecuteAsync(
            "INSERT INTO budgets (user_id, effective_month, amount_cents) SELECT unnest($1::bigint[]), $2, 500", _givers, Month);
        await _db.ExecuteAsync("""
            WITH t AS (INSERT INTO ledger_transactions (kind, idempotency_key) VALUES ('deposit', 'cost-seed') RETURNING id)
            INSERT INTO ledger_entries (transaction_id, account_id, amount_cents)
            SELECT t.id, a.id, CASE a.kind WHEN 'clearing' THEN -1000 * cardinality($1::bigint[]) ELSE 1000 END
            FROM t, accounts a WHERE a.kind = 'clearing' OR a.user_id = ANY ($1::bigint[])
            """, _givers);
        await _db.ExecuteAsync("INSERT INTO months (month) VALUES ($1)", Month);
        await _db.ExecuteAsync("ANALYZE");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Every_click_of_batches_of_256_8_and_1_is_added_and_the_cost_per_click_is_reported()
    {
        await using var connection = await _db.DataSource.OpenConnectionAsync();
        output.WriteLine("PostgreSQL per click in ClickSql.Add + COMMIT (backend CPU, WAL):");
        foreach (var (size, batches) in new[] { (256, 60), (8, 300), (1, 400) })
        {
            for (var i = 0; i < 10; i++)
            {
                await AddBatchAsync(connection, size);
            }

            var cpuBefore = await BackendCpuNanosecondsAsync(connection);
            var walBefore = await ScalarAsync<string>(connection, "SELECT pg_current_wal_insert_lsn()::text");
            for (var i = 0; i < batches; i++)
            {
                await AddBatchAsync(connection, size);
            }

            var cpuAfter = await BackendCpuNanosecondsAsync(connection);
            var wal = await ScalarAsync<decimal>(connection, $"SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '{walBefore}')");
            var clicks = (double)size * batches;
            var cpu = cpuBefore is null || cpuAfter is null
                ? "n/a (no /proc/self/schedstat)"
                : ((cpuAfter.Value - cpuBefore.Value) / 1_000.0 / clicks).ToString("N1", CultureInfo.InvariantCulture) + " µs";
            output.WriteLine($"  batches of {size,3}: {cpu}, {(double)wal / clicks:N0} bytes of WAL");
        }

        Assert.Equal(_nextPair, await _db.ScalarAsync<long>("SELECT count(*) FROM clicks"));
        Assert.Equal(_nextPair, await _db.ScalarAsync<long>("SELECT sum(clicks)::bigint FROM thing_month_counts"));
    }

    // Pair k: giver k mod G, thing (k div G + 37 (k mod G)) mod T: new pairs, a batch's clicks on distinct things.
    async Task AddBatchAsync(NpgsqlConnection connection, int size)
    {
        var givers = new long[size];
        var things = new long[size];
        for (var i = 0; i < size; i++, _nextPair++)
        {
            var g = (int)(_nextPair % Givers);
            givers[i] = _givers[g];
            things[i] = _things[(int)((_nextPair / Givers + 37L * g) % Things)];
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(ClickSql.Add, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = givers });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = things });
            command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = Enumerable.Repeat(Month.FirstDay, size).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = new bool[size] });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Enumerable.Repeat("click", size).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = Now });
            await command.PrepareAsync();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Assert.Equal("added", reader.GetString(1));
            }
        }

        await transaction.CommitAsync();
    }

    static async Task<long?> BackendCpuNanosecondsAsync(NpgsqlConnection connection)
    {
        try
        {
            return await ScalarAsync<long>(connection, "SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint");
        }
        catch (PostgresException)
        {
            return null;
        }
    }

    static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    async Task<long[]> ReadIdsAsync(string sql, params object[] parameters)
    {
        await using var command = _db.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }
}
