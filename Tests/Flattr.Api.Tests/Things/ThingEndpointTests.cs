using System.Net;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Things;

public sealed class ThingEndpointTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_thing_has_flattr_fields_and_owner_only_fields_only_for_its_owner()
    {
        var owner = await host.CreateUserAsync();
        var id = await host.CreateThingAsync(owner, title: "Fields of a thing", tags: ["music", "jazz"]);
        using var stranger = host.Client();
        using var ownerClient = host.Client(await host.TokenAsync(owner));

        var seen = await (await stranger.GetAsync($"/rest/v2/things/{id}")).AssertOkAsync();
        var own = await (await ownerClient.GetAsync($"/rest/v2/things/{id}")).AssertOkAsync();

        Assert.Equal("thing", (string?)seen["type"]);
        Assert.Equal(id, (long)seen["id"]!);
        Assert.Equal("Fields of a thing", (string?)seen["title"]);
        Assert.Equal(0, (long)seen["flattrs"]!);
        Assert.Equal(["music", "jazz"], seen["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("text", (string?)seen["category"]);
        Assert.Equal("en_GB", (string?)seen["language"]);
        Assert.False((bool)seen["hidden"]!);
        Assert.True((long)seen["created_at"]! > 1_700_000_000);
        Assert.Equal(owner.Username, (string?)seen["owner"]!["username"]);
        Assert.Equal(host.BaseAddress + $"rest/v2/things/{id}", (string?)seen["resource"]);
        Assert.Equal(host.BaseAddress + $"things/{id}", (string?)seen["link"]);
        Assert.Null(seen["updated_at"]);
        Assert.Null(seen["flattred"]);
        Assert.NotNull(own["updated_at"]);
        Assert.False((bool)own["flattred"]!);
    }

    [Fact]
    public async Task Full_expands_the_owner_to_a_full_user()
    {
        var owner = await host.CreateUserAsync();
        var id = await host.CreateThingAsync(owner);
        using var client = host.Client();

        var mini = await (await client.GetAsync($"/rest/v2/things/{id}")).AssertOkAsync();
        var full = await (await client.GetAsync($"/rest/v2/things/{id}?full")).AssertOkAsync();

        Assert.Null(mini["owner"]!["display_name"]);
        Assert.Equal("Test " + owner.Username, (string?)full["owner"]!["display_name"]);
        Assert.Null(full["owner"]!["email"]);
    }

    [Fact]
    public async Task Several_things_come_by_a_comma_list_leaving_out_unknown_and_hidden_ones()
    {
        var owner = await host.CreateUserAsync();
        var first = await host.CreateThingAsync(owner);
        var hidden = await host.CreateThingAsync(owner, hidden: true);
        var second = await host.CreateThingAsync(owner);
        using var client = host.Client();

        var body = await (await client.GetAsync($"/rest/v2/things/{second},{hidden},999999,{first}")).AssertOkAsync();

        Assert.Equal([second, first], body.AsArray().Select(t => (long)t!["id"]!));
    }

    [Fact]
    public async Task A_hidden_thing_is_not_found_for_anyone_but_its_owner_with_extendedread_or_thing()
    {
        var owner = await host.CreateUserAsync();
        var other = await host.CreateUserAsync();
        var id = await host.CreateThingAsync(owner, hidden: true, title: "Secret draft");
        using var anonymous = host.Client();
        using var otherClient = host.Client(await host.TokenAsync(other, "extendedread", "thing"));
        using var ownerPlain = host.Client(await host.TokenAsync(owner, "flattr"));
        using var ownerThing = host.Client(await host.TokenAsync(owner, "thing"));

        var refused = await anonymous.GetAsync($"/rest/v2/things/{id}");
        await refused.AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await otherClient.GetAsync($"/rest/v2/things/{id}")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await ownerPlain.GetAsync($"/rest/v2/things/{id}")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        var seen = await (await ownerThing.GetAsync($"/rest/v2/things/{id}")).AssertOkAsync();
        Assert.True((bool)seen["hidden"]!);
        Assert.DoesNotContain("Secret draft", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_or_malformed_thing_ids_are_not_found()
    {
        using var client = host.Client();
        await (await client.GetAsync("/rest/v2/things/987654")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync("/rest/v2/things/abc")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync("/rest/v2/no/such/resource")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Lookup_by_url_redirects_to_the_thing()
    {
        var owner = await host.CreateUserAsync();
        var url = $"https://Example.org/{host.Unique("lookup")}#comments";
        var id = await host.CreateThingAsync(owner, url: url);
        using var client = host.Client();

        var response = await client.GetAsync($"/rest/v2/things/lookup?url={Uri.EscapeDataString(url)}");

        var body = await response.AssertOkAsync(HttpStatusCode.Found);
        var location = host.BaseAddress + $"rest/v2/things/{id}";
        Assert.Equal(location, response.Headers.Location?.ToString());
        Assert.Equal("found", (string?)body["message"]);
        Assert.Equal(location, (string?)body["location"]);
    }

    [Fact]
    public async Task Lookup_of_an_unknown_or_hidden_url_is_not_found_with_flattrs_old_fields_too()
    {
        var owner = await host.CreateUserAsync();
        var hiddenUrl = $"https://example.org/{host.Unique("hidden")}";
        await host.CreateThingAsync(owner, url: hiddenUrl, hidden: true);
        using var client = host.Client();

        var unknown = await (await client.GetAsync("/rest/v2/things/lookup?url=https%3A%2F%2Fexample.org%2Fnever")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync($"/rest/v2/things/lookup?url={Uri.EscapeDataString(hiddenUrl)}")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");

        Assert.Equal("not_found", (string?)unknown["message"]);
        Assert.Equal("No thing was found", (string?)unknown["description"]);
    }

    [Fact]
    public async Task Lookup_takes_auto_submit_urls_and_checks_their_owner()
    {
        var owner = await host.CreateUserAsync();
        var other = await host.CreateUserAsync();
        var url = $"https://example.org/{host.Unique("auto")}";
        var id = await host.CreateThingAsync(owner, url: url);
        using var client = host.Client();

        var mine = $"https://flattr.com/submit/auto?user_id={owner.Username}&url={Uri.EscapeDataString(url)}";
        var ours = $"{host.BaseAddress}submit/auto?user_id={owner.Username}&url={Uri.EscapeDataString(url)}";
        var theirs = $"https://flattr.com/submit/auto?user_id={other.Username}&url={Uri.EscapeDataString(url)}";

        var found = await client.GetAsync($"/rest/v2/things/lookup?url={Uri.EscapeDataString(mine)}");
        var foundHere = await client.GetAsync($"/rest/v2/things/lookup?url={Uri.EscapeDataString(ours)}");
        Assert.Equal(HttpStatusCode.Found, found.StatusCode);
        Assert.EndsWith($"/things/{id}", found.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, foundHere.StatusCode);
        await (await client.GetAsync($"/rest/v2/things/lookup?url={Uri.EscapeDataString(theirs)}")).AssertErrorAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Lookup_needs_a_valid_url()
    {
        using var client = host.Client();
        await (await client.GetAsync("/rest/v2/things/lookup")).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_parameters");
        await (await client.GetAsync("/rest/v2/things/lookup?url=ftp%3A%2F%2Fexample.org")).AssertErrorAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Creating_a_thing_answers_201_with_its_id_and_location_and_stores_it()
    {
        var owner = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(owner, "thing"));
        var url = $"https://example.org/{host.Unique("new")}";

        var response = await client.PostAsync("/rest/v2/things", Http.Json(
            $$"""{"url": "{{url}}", "title": "A brand new thing", "description": "About it", "category": "audio", "language": "de_DE", "tags": "podcast, Talk", "hidden": 0}"""));

        var body = await response.AssertOkAsync(HttpStatusCode.Created);
        var id = (long)body["id"]!;
        Assert.Equal("ok", (string?)body["message"]);
        Assert.Equal("Thing was created successfully", (string?)body["description"]);
        Assert.Equal(host.BaseAddress + $"rest/v2/things/{id}", (string?)body["link"]);
        Assert.Equal(host.BaseAddress + $"rest/v2/things/{id}", response.Headers.Location?.ToString());
        var thing = await (await client.GetAsync($"/rest/v2/things/{id}")).AssertOkAsync();
        Assert.Equal("audio", (string?)thing["category"]);
        Assert.Equal("de_DE", (string?)thing["language"]);
        Assert.Equal(["podcast", "talk"], thing["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(owner.Id, await host.ScalarAsync("SELECT owner_id FROM things WHERE id = $1", id));
    }

    [Fact]
    public async Task Creating_a_thing_takes_a_form_encoded_body_as_flattr_did()
    {
        var owner = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(owner, "thing"));
        var url = $"https://example.org/{host.Unique("form")}";

        var response = await client.PostAsync("/rest/v2/things", Http.Form(("url", url), ("title", "Sent as a form"), ("tags", "a,b"), ("hidden", "1")));

        var id = (long)(await response.AssertOkAsync(HttpStatusCode.Created))["id"]!;
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM things WHERE id = $1 AND hidden AND tags = '{a,b}'", id));
    }

    [Fact]
    public async Task Creating_a_thing_needs_the_thing_scope_and_changes_nothing_without_it()
    {
        var owner = await host.CreateUserAsync();
        using var noScope = host.Client(await host.TokenAsync(owner, "flattr", "extendedread"));
        using var noToken = host.Client();
        var url = $"https://example.org/{host.Unique("scope")}";
        var json = $$"""{"url": "{{url}}", "title": "Not allowed"}""";

        var forbidden = await noScope.PostAsync("/rest/v2/things", Http.Json(json));
        await forbidden.AssertErrorAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.Contains("scope=\"thing\"", forbidden.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await (await noToken.PostAsync("/rest/v2/things", Http.Json(json))).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM things WHERE url = $1", url));
    }

    [Theory]
    [InlineData("""{"title": "No url at all"}""")]
    [InlineData("""{"url": "https://example.org/short-title", "title": "Hi"}""")]
    [InlineData("""{"url": "https://example.org/bad-category", "title": "Bad category", "category": "cats"}""")]
    [InlineData("""{"url": "https://example.org/bad-language", "title": "Bad language", "language": "english"}""")]
    [InlineData("""{"url": "https://example.org/bad-hidden", "title": "Bad hidden", "hidden": "maybe"}""")]
    [InlineData("""{"url": "https://example.org/bad-tags", "title": "Bad tags", "tags": [1, 2]}""")]
    public async Task Creating_a_thing_with_bad_fields_is_invalid_parameters_and_stores_nothing(string json)
    {
        var owner = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(owner, "thing"));

        await (await client.PostAsync("/rest/v2/things", Http.Json(json))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_parameters");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM things WHERE owner_id = $1", owner.Id));
    }

    [Fact]
    public async Task Creating_a_thing_at_a_registered_url_is_a_conflict()
    {
        var owner = await host.CreateUserAsync();
        var url = $"https://example.org/{host.Unique("taken")}";
        await host.CreateThingAsync(await host.CreateUserAsync(), url: url);
        using var client = host.Client(await host.TokenAsync(owner, "thing"));

        await (await client.PostAsync("/rest/v2/things", Http.Json($$"""{"url": "{{url}}", "title": "Mine now?"}"""))).AssertErrorAsync(HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task Patching_a_thing_changes_only_the_given_fields()
    {
        var owner = await host.CreateUserAsync();
        var id = await host.CreateThingAsync(owner, title: "Old title here", tags: ["old"]);
        using var client = host.Client(await host.TokenAsync(owner, "thing"));

        var response = await client.PatchAsync($"/rest/v2/things/{id}", Http.Json("""{"title": "New title here", "hidden": true}"""));

        var body = await response.AssertOkAsync();
        Assert.Equal("Thing was updated correctly", (string?)body["description"]);
        var thing = await (await client.GetAsync($"/rest/v2/things/{id}")).AssertOkAsync();
        Assert.Equal("New title here", (string?)thing["title"]);
        Assert.True((bool)thing["hidden"]!);
        Assert.Equal(["old"], thing["tags"]!.AsArray().Select(t => (string)t!));
    }

    [Fact]
    public async Task Post_with_method_patch_updates_like_patch()
    {
        var owner = await host.CreateUserAsync();
        var id = await host.CreateThingAsync(owner, title: "Before the post");
        using var client = host.Client(await host.TokenAsync(owner, "thing"));

        await (await client.PostAsync($"/rest/v2/things/{id}", Http.Form(("_method", "patch"), ("title", "After the post")))).AssertOkAsync();
        await (await client.PostAsync($"/rest/v2/things/{id}", Http.Form(("title", "No method given")))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_parameters");

        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM things WHERE id = $1 AND title = 'After the post'", id));
    }

    [Fact]
    public async Task Patching_someone_elses_thing_is_forbidden_and_changes_nothing()
    {
        var owner = await host.CreateUserAsync();
        var id = await host.CreateThingAsync(owner, title: "Owner's title");
        using var other = host.Client(await host.TokenAsync(await host.CreateUserAsync(), "thing"));

        await (await other.PatchAsync($"/rest/v2/things/{id}", Http.Json("""{"title": "Hijacked title"}"""))).AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await other.DeleteAsync($"/rest/v2/things/{id}")).AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM things WHERE id = $1 AND title = 'Owner''s title' AND status = 'active'", id));
    }

    [Fact]
    public async Task Patching_with_nothing_to_change_or_an_unknown_thing_is_refused()
    {
        var owner = await host.CreateUserAsync();
        var id = await host.CreateThingAsync(owner);
        using var client = host.Client(await host.TokenAsync(owner, "thing"));

        await (await client.PatchAsync($"/rest/v2/things/{id}", Http.Json("{}"))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_parameters");
        await (await client.PatchAsync("/rest/v2/things/876543", Http.Json("""{"title": "Nobody's thing"}"""))).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Deleting_a_thing_answers_204_and_it_is_gone_from_the_api()
    {
        var owner = await host.CreateUserAsync();
        var id = await host.CreateThingAsync(owner);
        using var client = host.Client(await host.TokenAsync(owner, "thing"));
        using var reader = host.Client(await host.TokenAsync(owner));

        var response = await client.DeleteAsync($"/rest/v2/things/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await client.GetAsync($"/rest/v2/things/{id}")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await reader.DeleteAsync($"/rest/v2/things/{id}")).AssertErrorAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        await (await client.DeleteAsync("/rest/v2/things/765432")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
    }
}
