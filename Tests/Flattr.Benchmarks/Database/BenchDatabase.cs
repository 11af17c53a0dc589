using Flattr.Silo.Database.Migrations;
using Flattr.Silo.Database.Schema;
using Npgsql;

namespace Flattr.Benchmarks.Database;

/// <summary>A scratch database of this run on the private server: created with Flattr's schema, dropped at the end.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    BenchDatabase(string server, string name)
    {
        Server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, CommandTimeout = 0 }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string Server { get; }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Creates an empty database; with <paramref name="migrate"/> also every schema module's tables (Orleans' and Flattr's), as the app's start-up would make them.</summary>
    public static async Task<BenchDatabase> CreateAsync(string server, string prefix, bool migrate, CancellationToken cancellationToken)
    {
        var name = prefix + "_" + Guid.NewGuid().ToString("N")[..10];
        await AdminAsync(server, $"CREATE DATABASE \"{name}\"", cancellationToken);
        var database = new BenchDatabase(server, name);
        if (migrate)
        {
            await MigrationRunner.ApplyAsync(database.DataSource, SchemaModules.All, cancellationToken);
        }

        return database;
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Flushes dirty pages before a measured load, so no load pays for the previous one's checkpoint.</summary>
    public Task CheckpointAsync(CancellationToken cancellationToken) => ExecuteAsync("CHECKPOINT", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await AdminAsync(Server, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", CancellationToken.None);
    }

    public static async Task<string> ServerVersionAsync(string server, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAdminAsync(server, cancellationToken);
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        return "PostgreSQL " + (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    static async Task AdminAsync(string server, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAdminAsync(server, cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    static async Task<NpgsqlConnection> OpenAdminAsync(string server, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(server) { Pooling = false };
        builder.Database ??= "postgres";
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
