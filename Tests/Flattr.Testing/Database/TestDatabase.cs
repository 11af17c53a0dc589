using System.Text;
using Npgsql;
using Flattr.Silo.Database.Migrations;

namespace Flattr.Testing.Database;

/// <summary>
/// A fresh, empty database on the test server, dropped on disposal. The server comes from the environment variable
/// <c>FLATTR_TEST_POSTGRES</c> (CI sets it to the project's private server), else the development server on port 5432.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "FLATTR_TEST_POSTGRES";

    public const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=postgres";

    TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>A connection string to the server (not to a database) where tests may create databases.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } configured ? configured : DefaultServer;

    public string Name { get; }

    /// <summary>Names this database; detailed server errors are on, for readable test failures.</summary>
    public string ConnectionString { get; }

    /// <summary>A data source for the test's own queries; the silo hosts get their own.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <param name="label">Part of the database name, to tell whose database it is (e.g. the test class name).</param>
    public static async Task<TestDatabase> CreateAsync(string label, CancellationToken cancellationToken = default)
    {
        var name = NewName(label);
        await ServerCommandAsync($"CREATE DATABASE \"{name}\"", cancellationToken).ConfigureAwait(false);
        return new TestDatabase(name, ConnectionStringFor(name));
    }

    /// <summary>A fresh database with <paramref name="modules"/> applied.</summary>
    public static async Task<TestDatabase> CreateAsync(string label, IEnumerable<IMigrationModule> modules, CancellationToken cancellationToken = default)
    {
        var database = await CreateAsync(label, cancellationToken).ConfigureAwait(false);
        try
        {
            await MigrationRunner.ApplyAsync(database.DataSource, modules, cancellationToken).ConfigureAwait(false);
            return database;
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A new database holding what this one holds now (<c>CREATE DATABASE ... TEMPLATE</c>): much quicker than applying the
    /// migrations again, and an identical copy for comparing two runs. This database's idle pooled connections are closed
    /// first; none may be in use meanwhile (PostgreSQL refuses to copy a database others are connected to).
    /// </summary>
    public async Task<TestDatabase> CloneAsync(string label, CancellationToken cancellationToken = default)
    {
        DataSource.Clear();
        var name = NewName(label);
        await ServerCommandAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{Name}\"", cancellationToken).ConfigureAwait(false);
        return new TestDatabase(name, ConnectionStringFor(name));
    }

    /// <summary>Drops the database, ending any session still connected to it.</summary>
    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync().ConfigureAwait(false);
        await using var admin = await OpenServerAsync(CancellationToken.None).ConfigureAwait(false);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    // At most 12 + 16 + 1 + 32 = 61 characters: within PostgreSQL's 63.
    static string NewName(string label) => $"flattr_test_{Sanitise(label)}_{Guid.NewGuid():N}";

    static string ConnectionStringFor(string name) => new NpgsqlConnectionStringBuilder(ServerConnectionString)
    {
        Database = name,
        IncludeErrorDetail = true,
    }.ConnectionString;

    static async Task ServerCommandAsync(string sql, CancellationToken cancellationToken)
    {
        await using var admin = await OpenServerAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    static async Task<NpgsqlConnection> OpenServerAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false };
        builder.Database ??= "postgres";
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Lower-case letters, digits and underscores, at most 16 of them: a database name needs no quoting then.</summary>
    static string Sanitise(string label)
    {
        var text = new StringBuilder();
        foreach (var c in label.ToLowerInvariant())
        {
            if (text.Length == 16)
            {
                break;
            }

            text.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '_');
        }

        return text.Length == 0 ? "db" : text.ToString();
    }
}
