using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Flattr.Silo.Database.LocalServer;

namespace Flattr.Silo.Tests.LocalServer;

/// <summary>The app's private server: a real cluster in a temporary folder, on a free port, reused, then stopped.</summary>
public sealed class LocalPostgresTests : IAsyncLifetime
{
    readonly LocalPostgresOptions _options = new()
    {
        RootDirectory = Path.Combine(Path.GetTempPath(), "flattr-localpg-" + Guid.NewGuid().ToString("N")),
        Port = 55432,
        Database = "flattr_local",
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await LocalPostgres.StopAsync(_options, CancellationToken.None);
        Directory.Delete(_options.RootDirectory!, recursive: true);
    }

    [Fact]
    public async Task Private_server_starts_in_its_folder_creates_the_database_and_is_reused_until_stopped()
    {
        var connectionString = await LocalPostgres.StartAsync(_options, NullLogger.Instance, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(_options.RootDirectory!, "data", "PG_VERSION")));
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Assert.Equal("127.0.0.1", builder.Host);
        Assert.Equal("flattr_local", builder.Database);
        Assert.Equal("flattr_local", await ScalarAsync(connectionString, "SELECT current_database()"));
        var startedAt = await ScalarAsync(connectionString, "SELECT pg_postmaster_start_time()::text");

        var again = await LocalPostgres.StartAsync(_options, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(connectionString, again);
        Assert.Equal(startedAt, await ScalarAsync(again, "SELECT pg_postmaster_start_time()::text"));

        await LocalPostgres.StopAsync(_options, CancellationToken.None);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync(connectionString + ";Pooling=false", "SELECT 1"));
    }

    static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }
}
