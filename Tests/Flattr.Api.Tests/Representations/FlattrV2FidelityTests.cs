using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Representations;

/// <summary>
/// The fields and formats Flattr-era clients (python-flattr, flattr4j, node-flattr) read without checking: every thing and
/// mini thing has <c>image</c>, full things <c>flattrs_user_count</c>, full users <c>url</c>, <c>about</c> and the profile
/// fields; the format may be chosen by a suffix; an Accept without JSON is <c>406 not_acceptable</c>; a URL that is not one
/// is <c>400 validation</c>.
/// </summary>
public sealed class FlattrV2FidelityTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Things_carry_image_and_full_things_the_number_of_users_who_flattred_them()
    {
        var owner = await host.CreateUserAsync();
        var thing = await host.CreateThingAsync(owner, title: "A thing two givers liked");
        foreach (var giver in new[] { await host.CreateGiverAsync(), await host.CreateGiverAsync() })
        {
            using var asGiver = host.Client(await host.TokenAsync(giver, "flattr"));
            await (await asGiver.PostAsync($"/rest/v2/things/{thing}/flattr", null)).AssertOkAsync();
        }

        using var client = host.Client();
        var full = await (await client.GetAsync($"/rest/v2/things/{thing}")).AssertOkAsync();
        Assert.Equal("", (string?)full["image"]);
        Assert.Equal(2, (long)full["flattrs_user_count"]!);
        Assert.Equal(2, (long)full["flattrs"]!);

        var flattrs = (await (await client.GetAsync($"/rest/v2/things/{thing}/flattrs")).AssertOkAsync()).AsArray();
        Assert.All(flattrs, f => Assert.Equal("", (string?)f!["thing"]!["image"]));
    }

    [Fact]
    public async Task A_full_user_carries_url_about_and_the_profile_fields_clients_read()
    {
        var user = await host.CreateUserAsync();
        using var client = host.Client();

        var body = (await (await client.GetAsync($"/rest/v2/users/{user.Username}")).AssertOkAsync()).AsObject();

        foreach (var field in new[] { "url", "about", "avatar", "city", "country", "firstname", "lastname", "username", "resource", "link", "id" })
        {
            Assert.True(body.ContainsKey(field), $"The user has no '{field}'.");
            Assert.Equal(System.Text.Json.JsonValueKind.String, JsonValueKind(body[field]));
        }

        Assert.Equal(1, (int)body["active_supporter"]!);
    }

    [Theory]
    [InlineData("/rest/v2/categories.json")]
    [InlineData("/rest/v2/languages.json")]
    public async Task A_json_suffix_chooses_the_format_of_any_resource(string path)
    {
        using var client = host.Client();
        var plain = await (await client.GetAsync(path[..^".json".Length])).AssertOkAsync();
        var suffixed = await client.GetAsync(path);

        var body = await suffixed.AssertOkAsync();
        Assert.Equal("application/json", suffixed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(plain.ToJsonString(), body.ToJsonString());
    }

    [Fact]
    public async Task Things_and_users_answer_with_a_json_suffix_too()
    {
        var owner = await host.CreateUserAsync();
        var thing = await host.CreateThingAsync(owner);
        using var client = host.Client();

        Assert.Equal(thing, (long)(await (await client.GetAsync($"/rest/v2/things/{thing}.json")).AssertOkAsync())["id"]!);
        Assert.Equal(owner.Username, (string?)(await (await client.GetAsync($"/rest/v2/users/{owner.Username}.json")).AssertOkAsync())["username"]);
    }

    [Theory]
    [InlineData("/rest/v2/categories.xml")]
    [InlineData("/rest/v2/users/alice/activities.atom")]
    [InlineData("/rest/v2/languages.yaml")]
    public async Task A_suffix_for_a_format_the_api_does_not_write_is_not_acceptable(string path)
    {
        using var client = host.Client();
        await (await client.GetAsync(path)).AssertErrorAsync(HttpStatusCode.NotAcceptable, "not_acceptable");
    }

    [Theory]
    [InlineData("application/xml", HttpStatusCode.NotAcceptable)]
    [InlineData("text/html", HttpStatusCode.NotAcceptable)]
    [InlineData("application/json;q=0, text/plain", HttpStatusCode.NotAcceptable)]
    [InlineData("application/json", HttpStatusCode.OK)]
    [InlineData("*/*", HttpStatusCode.OK)]
    [InlineData("text/html, application/xhtml+xml, */*;q=0.8", HttpStatusCode.OK)]
    [InlineData("application/*", HttpStatusCode.OK)]
    public async Task An_accept_header_that_allows_no_json_is_answered_406(string accept, HttpStatusCode status)
    {
        using var client = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/rest/v2/categories");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await client.SendAsync(request);

        if (status == HttpStatusCode.OK)
        {
            await response.AssertOkAsync();
        }
        else
        {
            await response.AssertErrorAsync(status, "not_acceptable");
        }
    }

    [Fact]
    public async Task An_invalid_thing_url_is_a_validation_error()
    {
        var owner = await host.CreateUserAsync();
        var giver = await host.CreateGiverAsync();
        using var asOwner = host.Client(await host.TokenAsync(owner, "thing"));
        using var asGiver = host.Client(await host.TokenAsync(giver, "flattr"));

        await (await asOwner.PostAsync("/rest/v2/things", Json("""{"url": "not a url", "title": "A thing at no address"}""")))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "validation");
        await (await asGiver.PostAsync("/rest/v2/flattr", Json("""{"url": "ftp://nowhere"}""")))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "validation");
        await (await asGiver.GetAsync("/rest/v2/things/lookup?url=not%20a%20url"))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM things WHERE owner_id = $1", owner.Id));
    }

    static StringContent Json(string json) => new(json, new MediaTypeHeaderValue("application/json"));

    static System.Text.Json.JsonValueKind JsonValueKind(JsonNode? node) => node?.GetValueKind() ?? System.Text.Json.JsonValueKind.Null;
}
