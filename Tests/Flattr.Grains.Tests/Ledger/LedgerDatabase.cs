using Flattr.Clicks;
using Npgsql;
using Silo.Postgres.Migrations;

namespace Flattr.Grains.Tests.Ledger;

/// <summary>
/// A fresh PostgreSQL database per test, cloned (CREATE DATABASE ... TEMPLATE) from one database per test run
/// that the <see cref="MigrationRunner"/> brought to the latest "flattr" schema: a clone takes a fraction of the
/// time of a migration, and <see cref="CloneAsync"/> gives crash tests an identical copy of a seeded state.
/// The server comes from FLATTR_TEST_POSTGRES, else the local development server.
/// </summary>
public sealed class LedgerDatabase : IAsyncDisposable
{
    static readonly SemaphoreSlim TemplateLock = new(1, 1);
    static string? _template;

    LedgerDatabase(string name)
    {
        Name = name;
        DataSource = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, IncludeErrorDetail = true }.ConnectionString);
    }

    public static string ServerConnectionString => Silo.Testing.Database.TestDatabase.ServerConnectionString;

    /// <summary>The flattr schema module, as the silo host registers it.</summary>
    public static IMigrationModule SchemaModule { get; } = new MigrationModule("flattr", typeof(ClickStore).Assembly, "Flattr.Schema.");

    public string Name { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<LedgerDatabase> CreateAsync()
    {
        var template = await TemplateAsync().ConfigureAwait(false);
        var name = NewName();
        await ServerCommandAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"").ConfigureAwait(false);
        return new LedgerDatabase(name);
    }

    /// <summary>An identical copy of this database as it is now (its connections are closed first).</summary>
    public async Task<LedgerDatabase> CloneAsync()
    {
        DataSource.Clear();
        var name = NewName();
        await ServerCommandAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{Name}\"").ConfigureAwait(false);
        return new LedgerDatabase(name);
    }

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

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync().ConfigureAwait(false);
        await ServerCommandAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)").ConfigureAwait(false);
    }

    NpgsqlCommand Command(string sql, params object[] parameters)
    {
        var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }

    static string NewName() => "flattr_ledger_" + Guid.NewGuid().ToString("N")[..16];

    static async Task<string> TemplateAsync()
    {
        await TemplateLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_template is not null)
            {
                return _template;
            }

            var name = NewName() + "_template";
            await ServerCommandAsync($"CREATE DATABASE \"{name}\"").ConfigureAwait(false);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                ServerCommandAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
            await using (var dataSource = NpgsqlDataSource.Create(
                new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = false }.ConnectionString))
            {
                await MigrationRunner.ApplyAsync(dataSource, [SchemaModule], CancellationToken.None).ConfigureAwait(false);
            }

            return _template = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    static async Task ServerCommandAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false };
        builder.Database ??= "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
