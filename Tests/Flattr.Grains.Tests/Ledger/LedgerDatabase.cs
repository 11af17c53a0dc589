using Flattr.Silo.Database.Schema;
using Flattr.Testing.Database;
using Npgsql;

namespace Flattr.Grains.Tests.Ledger;

/// <summary>
/// A fresh PostgreSQL database per test for the stores without a silo, cloned (<see cref="TestDatabase.CloneAsync"/>) from
/// one database per test run that has every schema module (<see cref="SchemaModules.All"/>): a clone takes a fraction of
/// the time of the migrations, and <see cref="CloneAsync"/> gives crash tests an identical copy of a seeded state.
/// Parameters of type <see cref="Month"/> are sent as their first day, as the schema stores months.
/// </summary>
public sealed class LedgerDatabase : IAsyncDisposable
{
    const string Label = "ledger";
    static readonly Lazy<Task<TestDatabase>> s_template = new(CreateTemplateAsync);
    readonly TestDatabase _database;

    LedgerDatabase(TestDatabase database) => _database = database;

    public string Name => _database.Name;

    public NpgsqlDataSource DataSource => _database.DataSource;

    public static async Task<LedgerDatabase> CreateAsync() => new(await (await s_template.Value).CloneAsync(Label));

    /// <summary>An identical copy of this database as it is now (its idle connections are closed first).</summary>
    public async Task<LedgerDatabase> CloneAsync() => new(await _database.CloneAsync(Label));

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        if (!await reader.ReadAsync().ConfigureAwait(false))
        {
            throw new InvalidOperationException($"No row from: {sql}");
        }

        return reader.GetFieldValue<T>(0);
    }

    public async Task<long> AddUserAsync()
    {
        var name = "u" + Guid.NewGuid().ToString("N")[..12];
        return await ScalarAsync<long>(
            "INSERT INTO users (username, email, display_name) VALUES ($1, $1 || '@example.org', $1) RETURNING id", name).ConfigureAwait(false);
    }

    public async Task<long[]> AddUsersAsync(int count)
    {
        var prefix = "u" + Guid.NewGuid().ToString("N")[..8] + "_";
        await using var command = Command("""
            INSERT INTO users (username, email, display_name)
            SELECT $1 || i, $1 || i || '@example.org', $1 || i FROM generate_series(1, $2) AS i ORDER BY i
            RETURNING id
            """, prefix, count);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var ids = new List<long>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            ids.Add(reader.GetInt64(0));
        }

        ids.Sort();
        return [.. ids];
    }

    public async Task<long> AddThingAsync(long ownerId, bool deleted = false) =>
        await ScalarAsync<long>("""
            INSERT INTO things (owner_id, url, title, category, language, status)
            VALUES ($1, 'https://example.org/' || gen_random_uuid(), 'A thing worth flattring', 'text', 'en_GB', $2)
            RETURNING id
            """, ownerId, deleted ? "deleted" : "active").ConfigureAwait(false);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    NpgsqlCommand Command(string sql, params object[] parameters)
    {
        var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter is Month month ? month.FirstDay : parameter });
        }

        return command;
    }

    static async Task<TestDatabase> CreateTemplateAsync()
    {
        var template = await TestDatabase.CreateAsync(Label + "_template", SchemaModules.All);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return template;
    }
}
