using System.Net;
using System.Text.Json;
using Flattr.Testing;
using Flattr.Testing.Database;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Flattr.Web.Tests.Operations;

/// <summary>
/// The probes with their JSON bodies: /health/live while the process serves, /health/ready while the database answers, every
/// migration is applied and the silo is active in the cluster. The database is made unreachable for real (it refuses new
/// connections and its sessions are ended): ready turns 503 naming the database, live stays 200, and ready comes back once
/// the database does. The app is this class's own, since its database goes away for a while.
/// </summary>
public sealed class HealthEndpointTests : IAsyncLifetime
{
    readonly FlattrApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Ready_names_database_migrations_and_cluster_and_fails_with_503_while_the_database_is_unreachable()
    {
        var (status, live) = await GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", live.GetProperty("status").GetString());

        var (readyStatus, ready) = await GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        foreach (var check in new[] { "database", "migrations", "cluster" })
        {
            Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
        }

        var database = new NpgsqlConnectionStringBuilder(_app.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString).Database!;
        await AllowConnectionsAsync(database, false);
        try
        {
            JsonElement down = default;
            await Eventually.TrueAsync(
                async () =>
                {
                    (readyStatus, down) = await GetAsync("/health/ready");
                    return readyStatus == HttpStatusCode.ServiceUnavailable;
                },
                "ready failing without the database");
            Assert.Equal("Unhealthy", down.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", down.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, (await GetAsync("/health/live")).Status);
            Assert.Equal("ok", await _app.CreateClient().GetStringAsync(new Uri("/health", UriKind.Relative)));
        }
        finally
        {
            await AllowConnectionsAsync(database, true);
        }

        await Eventually.TrueAsync(async () => (await GetAsync("/health/ready")).Status == HttpStatusCode.OK, "ready again with the database back");
    }

    async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.Clone());
    }

    /// <summary>Opens or closes the database to new connections; closing also ends the sessions it has.</summary>
    static async Task AllowConnectionsAsync(string database, bool allow)
    {
        await using var server = new NpgsqlConnection(TestDatabase.ServerConnectionString);
        await server.OpenAsync();
        var name = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE {name} ALLOW_CONNECTIONS {(allow ? "true" : "false")}", server))
        {
            await alter.ExecuteNonQueryAsync();
        }

        if (!allow)
        {
            await using var terminate = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1", server);
            terminate.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database });
            await terminate.ExecuteScalarAsync();
        }
    }
}
