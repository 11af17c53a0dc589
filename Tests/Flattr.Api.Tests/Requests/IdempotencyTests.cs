using System.Net;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Requests;

public sealed class IdempotencyTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_retried_flattr_returns_the_first_answer_and_clicks_once()
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync());
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));
        var key = Guid.NewGuid().ToString();

        var first = await client.SendAsync(Http.Request(HttpMethod.Post, $"/rest/v2/things/{thing}/flattr", null, key));
        var retry = await client.SendAsync(Http.Request(HttpMethod.Post, $"/rest/v2/things/{thing}/flattr", null, key));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("application/json", retry.Content.Headers.ContentType?.MediaType);
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(string.Empty, first.Header("Idempotent-Replayed"));
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2", giver.Id, thing));
        await (await client.PostAsync($"/rest/v2/things/{thing}/flattr", null)).AssertErrorAsync(HttpStatusCode.Forbidden, "flattr_once");
    }

    [Fact]
    public async Task A_retried_thing_creation_returns_the_same_thing_and_creates_one()
    {
        var owner = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(owner, "thing"));
        var url = $"https://example.org/{host.Unique("once")}";
        var json = $$"""{"url": "{{url}}", "title": "Created exactly once"}""";
        var key = Guid.NewGuid().ToString();

        var first = await client.SendAsync(Http.Request(HttpMethod.Post, "/rest/v2/things", Http.Json(json), key));
        var retry = await client.SendAsync(Http.Request(HttpMethod.Post, "/rest/v2/things", Http.Json(json), key));

        var created = await first.AssertOkAsync(HttpStatusCode.Created);
        var replayed = await retry.AssertOkAsync(HttpStatusCode.Created);
        Assert.Equal((long)created["id"]!, (long)replayed["id"]!);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM things WHERE url = $1", url));
    }

    [Fact]
    public async Task A_refusal_is_kept_too_so_a_retry_gets_the_same_answer()
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync());
        var broke = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(broke, "flattr"));
        var key = Guid.NewGuid().ToString();
        await (await client.SendAsync(Http.Request(HttpMethod.Post, $"/rest/v2/things/{thing}/flattr", null, key))).AssertErrorAsync(HttpStatusCode.Unauthorized, "no_means");

        await host.Grains.GetUser(broke.Id).SetBudget(500);
        var payments = host.Grains.GetSandboxPayments();
        await payments.ReceiveWebhook(await payments.CreateSandboxPayment(broke.Id, 1000));
        var retry = await client.SendAsync(Http.Request(HttpMethod.Post, $"/rest/v2/things/{thing}/flattr", null, key));

        await retry.AssertErrorAsync(HttpStatusCode.Unauthorized, "no_means");
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1", broke.Id));
    }

    [Fact]
    public async Task The_same_key_on_a_different_request_is_refused_and_changes_nothing()
    {
        var owner = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(owner, "thing"));
        var key = Guid.NewGuid().ToString();
        var firstUrl = $"https://example.org/{host.Unique("first")}";
        var otherUrl = $"https://example.org/{host.Unique("other")}";
        await (await client.SendAsync(Http.Request(HttpMethod.Post, "/rest/v2/things", Http.Json($$"""{"url": "{{firstUrl}}", "title": "The first one"}"""), key)))
            .AssertOkAsync(HttpStatusCode.Created);

        var reused = await client.SendAsync(Http.Request(HttpMethod.Post, "/rest/v2/things", Http.Json($$"""{"url": "{{otherUrl}}", "title": "Another one"}"""), key));

        await reused.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM things WHERE url = $1", otherUrl));
    }

    [Fact]
    public async Task Keys_belong_to_their_user()
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync());
        var first = await host.CreateGiverAsync();
        var second = await host.CreateGiverAsync();
        using var firstClient = host.Client(await host.TokenAsync(first, "flattr"));
        using var secondClient = host.Client(await host.TokenAsync(second, "flattr"));
        const string SharedKey = "same-key-for-two-users";

        await (await firstClient.SendAsync(Http.Request(HttpMethod.Post, $"/rest/v2/things/{thing}/flattr", null, SharedKey))).AssertOkAsync();
        var other = await secondClient.SendAsync(Http.Request(HttpMethod.Post, $"/rest/v2/things/{thing}/flattr", null, SharedKey));

        await other.AssertOkAsync();
        Assert.Equal(string.Empty, other.Header("Idempotent-Replayed"));
        Assert.Equal(2, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE thing_id = $1", thing));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_create_one_thing()
    {
        var owner = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(owner, "thing"));
        var url = $"https://example.org/{host.Unique("race")}";
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.SendAsync(Http.Request(HttpMethod.Post, "/rest/v2/things", Http.Json($$"""{"url": "{{url}}", "title": "Raced thing"}"""), key))));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        var ids = await Task.WhenAll(created.Select(async r => (long)(await r.AssertOkAsync(HttpStatusCode.Created))["id"]!));
        Assert.Single(ids.Distinct());
        foreach (var busy in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await busy.AssertErrorAsync(HttpStatusCode.Conflict, "idempotency_key_in_use");
        }

        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM things WHERE url = $1", url));
    }

    [Theory]
    [InlineData("")]
    [InlineData("key with spaces")]
    public async Task A_malformed_key_is_invalid_parameters_and_runs_nothing(string key)
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync());
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/rest/v2/things/{thing}/flattr");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        await (await client.SendAsync(request)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_parameters");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1", giver.Id));
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_invalid_parameters()
    {
        var owner = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(owner, "thing"));

        var response = await client.SendAsync(Http.Request(HttpMethod.Post, "/rest/v2/things", Http.Json("""{"url": "https://example.org/long-key", "title": "Long key"}"""), new string('k', 256)));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_parameters");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM things WHERE url = 'https://example.org/long-key'"));
    }
}
