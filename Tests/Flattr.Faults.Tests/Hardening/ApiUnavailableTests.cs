using System.Net;
using Flattr.Faults.Tests.Support;
using Flattr.Testing.Database;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Flattr.Faults.Tests.Hardening;

/// <summary>
/// The database refusing connections (its connections cut and new ones not allowed): the API answers 503 with Retry-After
/// and Flattr's error body, as the pages do, not 500 server_error. Its own app, as the cut reaches every pooled connection.
/// </summary>
public sealed class ApiUnavailableTests : IAsyncLifetime
{
    readonly FlattrApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task While_the_database_refuses_connections_the_api_and_the_pages_answer_503_with_retry_after_and_a_flattr_error_body()
    {
        using var client = _app.CreateClient();
        using (var warm = await client.GetAsync("/rest/v2/things/search?query=warm"))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var database = new NpgsqlConnectionStringBuilder(_app.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString).Database!;
        await ServerAsync($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS false");
        try
        {
            await ServerAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");
            Tally.Fault();
            foreach (var path in new[] { "/rest/v2/things/search?query=outage", "/search?q=outage" })
            {
                using var response = await client.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)response.StatusCode} {body}");
                Assert.Equal("5", response.Headers.RetryAfter?.ToString());
                Assert.Equal("service_unavailable", await WebSession.ErrorCodeAsync(response));
            }
        }
        finally
        {
            await ServerAsync($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS true");
        }

        Tally.Check(2);
    }

    static async Task ServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ServerConnectionString + ";Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
