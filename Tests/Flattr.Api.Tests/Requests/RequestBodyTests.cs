using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Requests;

public sealed class RequestBodyTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Theory]
    [InlineData("{\"url\": \"https://example.org/broken\", \"title\": ")]
    [InlineData("[\"not\", \"an\", \"object\"]")]
    [InlineData("{\"url\": \"https://example.org/broken\", \"title\": 42}")]
    [InlineData("not json at all")]
    public async Task Malformed_json_is_invalid_parameters_and_changes_nothing(string json)
    {
        var owner = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(owner, "thing"));

        await (await client.PostAsync("/rest/v2/things", Http.Json(json))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_parameters");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM things WHERE owner_id = $1", owner.Id));
    }

    [Fact]
    public async Task Malformed_json_on_a_flattr_is_refused_before_any_click()
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync());
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));

        await (await client.PostAsync($"/rest/v2/things/{thing}/flattr", Http.Json("{\"anonymous\": tru"))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_parameters");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1", giver.Id));
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_changes_nothing()
    {
        var owner = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(owner, "thing"));
        var url = $"https://example.org/{host.Unique("huge")}";
        var json = $$"""{"url": "{{url}}", "title": "Huge", "description": "{{new string('x', 200_000)}}"}""";

        var response = await client.PostAsync("/rest/v2/things", Http.Json(json));

        await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM things WHERE url = $1", url));
    }

    [Fact]
    public async Task An_oversized_chunked_body_without_length_is_413_and_changes_nothing()
    {
        var owner = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(owner, "thing"));
        var url = $"https://example.org/{host.Unique("chunked")}";
        var bytes = Encoding.UTF8.GetBytes($$"""{"url": "{{url}}", "title": "Chunked", "description": "{{new string('y', 200_000)}}"}""");
        var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/rest/v2/things") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM things WHERE url = $1", url));
    }

    [Fact]
    public async Task An_oversized_body_with_an_idempotency_key_is_413_and_keeps_no_key()
    {
        var owner = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(owner, "thing"));
        var json = $$"""{"url": "https://example.org/huge-keyed", "title": "Huge", "description": "{{new string('z', 200_000)}}"}""";

        var response = await client.SendAsync(Http.Request(HttpMethod.Post, "/rest/v2/things", Http.Json(json), "huge-key"));

        await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM api_idempotency_keys WHERE user_id = $1", owner.Id));
    }

    [Fact]
    public async Task A_body_neither_json_nor_form_is_415()
    {
        var owner = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(owner, "thing"));

        var response = await client.PostAsync("/rest/v2/things", new StringContent("url=https://example.org/plain", Encoding.UTF8, "text/plain"));

        await response.AssertErrorAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM things WHERE owner_id = $1", owner.Id));
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_as_flattr_did()
    {
        var owner = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(owner, "thing"));
        var url = $"https://example.org/{host.Unique("extra")}";

        var response = await client.PostAsync("/rest/v2/things", Http.Json($$"""{"url": "{{url}}", "title": "Extra fields", "colour": "blue"}"""));

        await response.AssertOkAsync(HttpStatusCode.Created);
    }
}
