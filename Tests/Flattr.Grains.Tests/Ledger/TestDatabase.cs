using Npgsql;

namespace Flattr.Grains.Tests.Ledger;

/// <summary>
/// A fresh PostgreSQL database per test, cloned from a template that has every embedded schema script of
/// Flattr.Grains applied in file-name order (until the pg branch's MigrationRunner replaces that part).
/// The server comes from FLATTR_TEST_POSTGRES, else the local development server.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    static readonly SemaphoreSlim TemplateLock = new(1, 1);
    static string? _template;

    TestDatabase(string name)
    {
        Name = name;
        DataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString);
    }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("FLATTR_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=postgres";

    public string Name { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var template = await TemplateAsync().ConfigureAwait(false);
        var name = NewName();
        await ServerCommandAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"").ConfigureAwait(false);
        return new TestDatabase(name);
    }

    /// <summary>An identical copy of this database as it is now (its connections are closed first).</summary>
    public async Task<TestDatabase> CloneAsync()
    {
        DataSource.Clear();
        var name = NewName();
        await ServerCommandAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{Name}\"").ConfigureAwait(false);
        return new TestDatabase(name);
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
                foreach (var script in SchemaScripts())
                {
                    await using var command = dataSource.CreateCommand(script);
                    await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                }
            }

            return _template = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    /// <summary>The embedded schema scripts of Flattr.Grains (module "flattr"), in file-name order.</summary>
    static IEnumerable<string> SchemaScripts()
    {
        var assembly = typeof(Flattr.Clicks.ClickStore).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.Contains(".Schema.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return reader.ReadToEnd();
        }
    }

    static async Task ServerCommandAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
