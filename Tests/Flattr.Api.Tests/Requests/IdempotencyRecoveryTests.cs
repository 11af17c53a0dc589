using System.Net;
using Flattr.Api.Tests.Hosting;
using Flattr.Web.Api.Idempotency;
using Microsoft.AspNetCore.Http;

namespace Flattr.Api.Tests.Requests;

/// <summary>Key rows written as a crashed or an old request would have left them, then a retry over HTTP.</summary>
public sealed class IdempotencyRecoveryTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_key_whose_request_died_mid_way_is_taken_over_by_the_retry_once_its_lock_expires()
    {
        var (giver, thing, client) = await GiverAndThingAsync();
        var path = $"/rest/v2/things/{thing}/flattr";
        await InsertKeyAsync(giver, "crashed", Fingerprint(path), "in_progress", lockedFor: TimeSpan.FromSeconds(-1), age: TimeSpan.FromMinutes(2));

        var retry = await client.SendAsync(Http.Request(HttpMethod.Post, path, null, "crashed"));

        await retry.AssertOkAsync();
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2", giver.Id, thing));
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM api_idempotency_keys WHERE user_id = $1 AND key = 'crashed' AND status = 'done'", giver.Id));
    }

    [Fact]
    public async Task A_key_still_locked_by_a_running_request_answers_409_and_runs_nothing()
    {
        var (giver, thing, client) = await GiverAndThingAsync();
        var path = $"/rest/v2/things/{thing}/flattr";
        await InsertKeyAsync(giver, "running", Fingerprint(path), "in_progress", lockedFor: TimeSpan.FromMinutes(1), age: TimeSpan.Zero);

        var retry = await client.SendAsync(Http.Request(HttpMethod.Post, path, null, "running"));

        await retry.AssertErrorAsync(HttpStatusCode.Conflict, "idempotency_key_in_use");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1", giver.Id));
    }

    [Fact]
    public async Task A_key_older_than_a_day_is_free_again()
    {
        var (giver, thing, client) = await GiverAndThingAsync();
        await InsertKeyAsync(giver, "yesterday", new string('0', 64), "done", lockedFor: null, age: TimeSpan.FromHours(25));

        var response = await client.SendAsync(Http.Request(HttpMethod.Post, $"/rest/v2/things/{thing}/flattr", null, "yesterday"));

        await response.AssertOkAsync();
        Assert.Equal(string.Empty, response.Header("Idempotent-Replayed"));
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1", giver.Id));
    }

    async Task<(TestUser Giver, long Thing, HttpClient Client)> GiverAndThingAsync()
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync());
        var giver = await host.CreateGiverAsync();
        return (giver, thing, host.Client(await host.TokenAsync(giver, "flattr")));
    }

    /// <summary>What the API computes for a body-less POST to <paramref name="path"/>.</summary>
    static string Fingerprint(string path)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = path;
        return RequestFingerprint.Compute(http.Request, []);
    }

    async Task InsertKeyAsync(TestUser user, string key, string hash, string status, TimeSpan? lockedFor, TimeSpan age)
    {
        await using var command = host.Database.CreateCommand(
            """
            INSERT INTO api_idempotency_keys (user_id, key, request_hash, status, response_status, response_content_type, response_body, created_at, locked_until)
            VALUES ($1, $2, decode($3, 'hex'), $4, $5, $6, $7, now() - $8, now() + $9)
            """);
        var done = status == "done";
        command.Parameters.Add(new() { Value = user.Id });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = hash });
        command.Parameters.Add(new() { Value = status });
        command.Parameters.Add(new() { Value = done ? 200 : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = done ? "application/json" : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = done ? "{}" : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = age });
        command.Parameters.Add(new() { Value = (object?)lockedFor ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Interval });
        await command.ExecuteNonQueryAsync();
    }
}
