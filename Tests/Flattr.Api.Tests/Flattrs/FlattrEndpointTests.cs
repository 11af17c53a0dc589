using System.Net;
using System.Text.Json.Nodes;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Flattrs;

public sealed class FlattrEndpointTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Flattring_a_thing_answers_ok_with_the_mini_thing_and_records_the_click()
    {
        var owner = await host.CreateUserAsync();
        var thing = await host.CreateThingAsync(owner, title: "Flattr me please");
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));

        var body = await (await client.PostAsync($"/rest/v2/things/{thing}/flattr", null)).AssertOkAsync();

        Assert.Equal("ok", (string?)body["message"]);
        Assert.Equal("Thing was successfully flattred", (string?)body["description"]);
        Assert.Equal(thing, (long)body["thing"]!["id"]!);
        Assert.Equal("Flattr me please", (string?)body["thing"]!["title"]);
        Assert.Equal(1, (long)body["thing"]!["flattrs"]!);
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2", giver.Id, thing));
        var seen = await (await client.GetAsync($"/rest/v2/things/{thing}")).AssertOkAsync();
        Assert.True((bool)seen["flattred"]!);
        Assert.Equal(1, (long)seen["flattrs"]!);
    }

    [Fact]
    public async Task Flattring_twice_in_a_month_is_flattr_once()
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync());
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));
        await (await client.PostAsync($"/rest/v2/things/{thing}/flattr", null)).AssertOkAsync();

        await (await client.PostAsync($"/rest/v2/things/{thing}/flattr", null)).AssertErrorAsync(HttpStatusCode.Forbidden, "flattr_once");
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE thing_id = $1", thing));
    }

    [Fact]
    public async Task Flattring_ones_own_thing_is_flattr_owner()
    {
        var giver = await host.CreateGiverAsync();
        var thing = await host.CreateThingAsync(giver);
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));

        await (await client.PostAsync($"/rest/v2/things/{thing}/flattr", null)).AssertErrorAsync(HttpStatusCode.Forbidden, "flattr_owner");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE thing_id = $1", thing));
    }

    [Fact]
    public async Task Flattring_without_budget_or_money_is_no_means()
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync());
        var broke = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(broke, "flattr"));

        await (await client.PostAsync($"/rest/v2/things/{thing}/flattr", null)).AssertErrorAsync(HttpStatusCode.Unauthorized, "no_means");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE thing_id = $1", thing));
    }

    [Fact]
    public async Task Flattring_needs_the_flattr_scope()
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync());
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "thing", "extendedread", "email"));

        await (await client.PostAsync($"/rest/v2/things/{thing}/flattr", null)).AssertErrorAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        await (await client.PostAsync("/rest/v2/flattr", Http.Json("""{"url": "https://example.org/x"}"""))).AssertErrorAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1", giver.Id));
    }

    [Fact]
    public async Task Flattring_an_unknown_deleted_or_someone_elses_hidden_thing_by_id_is_refused()
    {
        var owner = await host.CreateUserAsync();
        var hidden = await host.CreateThingAsync(owner, hidden: true);
        var deleted = await host.CreateThingAsync(owner);
        await host.Grains.GetThing(deleted).Delete(owner.Id);
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));

        await (await client.PostAsync($"/rest/v2/things/{hidden}/flattr", null)).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.PostAsync($"/rest/v2/things/{deleted}/flattr", null)).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.PostAsync("/rest/v2/things/918273/flattr", null)).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1", giver.Id));
    }

    [Fact]
    public async Task Flattring_by_url_works_for_registered_urls_including_hidden_things_like_a_button()
    {
        var owner = await host.CreateUserAsync();
        var url = $"https://example.org/{host.Unique("button")}";
        var thing = await host.CreateThingAsync(owner, url: url, hidden: true);
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));

        var body = await (await client.PostAsync("/rest/v2/flattr", Http.Json($$"""{"url": "{{url}}"}"""))).AssertOkAsync();

        Assert.Equal(thing, (long)body["thing"]!["id"]!);
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2", giver.Id, thing));
    }

    [Fact]
    public async Task Flattring_an_auto_submit_url_creates_the_thing_for_its_owner_and_flattrs_it()
    {
        var owner = await host.CreateUserAsync();
        var giver = await host.CreateGiverAsync();
        var page = $"https://blog.example.org/{host.Unique("auto")}";
        var autoSubmit = $"https://flattr.com/submit/auto?user_id={owner.Username}&url={Uri.EscapeDataString(page)}" +
            "&title=My%20auto%20submitted%20post&category=text&language=fr_FR&tags=blog,auto";
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));

        var body = await (await client.PostAsync("/rest/v2/flattr", Http.Form(("url", autoSubmit)))).AssertOkAsync();

        var thing = (long)body["thing"]!["id"]!;
        Assert.Equal(page, (string?)body["thing"]!["url"]);
        Assert.Equal(owner.Id, await host.ScalarAsync("SELECT owner_id FROM things WHERE id = $1 AND language = 'fr_FR' AND title = 'My auto submitted post'", thing));
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2", giver.Id, thing));
    }

    [Fact]
    public async Task Flattring_an_unknown_url_or_an_auto_submit_url_of_an_unknown_user_is_not_found()
    {
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));
        var unknownOwner = "https://flattr.com/submit/auto?user_id=nobody_here&url=https%3A%2F%2Fexample.org%2Forphan";

        await (await client.PostAsync("/rest/v2/flattr", Http.Json("""{"url": "https://example.org/never-registered"}"""))).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.PostAsync("/rest/v2/flattr", Http.Json($$"""{"url": "{{unknownOwner}}"}"""))).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.PostAsync("/rest/v2/flattr", Http.Json("{}"))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_parameters");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM things WHERE url = 'https://example.org/orphan'"));
    }

    [Fact]
    public async Task Anonymous_flattrs_never_show_in_public_listings_but_do_in_the_givers_own()
    {
        var owner = await host.CreateUserAsync();
        var thing = await host.CreateThingAsync(owner);
        var open = await host.CreateGiverAsync("open");
        var shy = await host.CreateGiverAsync("shy");
        using var openClient = host.Client(await host.TokenAsync(open, "flattr"));
        using var shyClient = host.Client(await host.TokenAsync(shy, "flattr"));
        await (await openClient.PostAsync($"/rest/v2/things/{thing}/flattr", null)).AssertOkAsync();
        await (await shyClient.PostAsync($"/rest/v2/things/{thing}/flattr", Http.Json("""{"anonymous": true}"""))).AssertOkAsync();
        using var ownerClient = host.Client(await host.TokenAsync(owner, "extendedread", "flattr", "thing", "email"));
        using var anonymous = host.Client();

        var ofThing = await (await ownerClient.GetAsync($"/rest/v2/things/{thing}/flattrs")).AssertOkAsync();
        var ofShyPublic = await (await ownerClient.GetAsync($"/rest/v2/users/{shy.Username}/flattrs")).AssertOkAsync();
        var ofShyOwn = await (await shyClient.GetAsync("/rest/v2/user/flattrs")).AssertOkAsync();
        var ofOpen = await (await anonymous.GetAsync($"/rest/v2/users/{open.Username}/flattrs")).AssertOkAsync();

        Assert.Equal([open.Username], Givers(ofThing));
        Assert.DoesNotContain(shy.Username, ofThing.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(ofShyPublic.AsArray());
        Assert.Single(ofShyOwn.AsArray());
        Assert.True((bool)ofShyOwn[0]!["anonymous"]!);
        Assert.Equal("flattr", (string?)ofOpen[0]!["type"]);
        Assert.Equal(thing, (long)ofOpen[0]!["thing"]!["id"]!);
        Assert.Equal(owner.Username, (string?)ofOpen[0]!["thing"]!["owner"]!["username"]);
        Assert.Null(ofOpen[0]!["anonymous"]);
    }

    [Fact]
    public async Task The_account_default_makes_flattrs_anonymous_unless_the_call_says_otherwise()
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync());
        var other = await host.CreateThingAsync(await host.CreateUserAsync());
        var giver = await host.CreateUserAsync(anonymousByDefault: true);
        await host.Grains.GetUser(giver.Id).SetBudget(500);
        var payments = host.Grains.GetSandboxPayments();
        await payments.ReceiveWebhook(await payments.CreateSandboxPayment(giver.Id, 1000));
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));

        await (await client.PostAsync($"/rest/v2/things/{thing}/flattr", null)).AssertOkAsync();
        await (await client.PostAsync($"/rest/v2/things/{other}/flattr", Http.Json("""{"anonymous": false}"""))).AssertOkAsync();

        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2 AND anonymous", giver.Id, thing));
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2 AND NOT anonymous", giver.Id, other));
    }

    [Fact]
    public async Task Flattrs_of_hidden_things_stay_out_of_public_listings_and_the_hidden_things_flattrs_are_not_found()
    {
        var owner = await host.CreateUserAsync();
        var hiddenUrl = $"https://example.org/{host.Unique("hidden")}";
        var hidden = await host.CreateThingAsync(owner, url: hiddenUrl, hidden: true, title: "Private hidden work");
        var giver = await host.CreateGiverAsync();
        using var giverClient = host.Client(await host.TokenAsync(giver, "flattr"));
        await (await giverClient.PostAsync("/rest/v2/flattr", Http.Json($$"""{"url": "{{hiddenUrl}}"}"""))).AssertOkAsync();
        using var anonymous = host.Client();

        var publicList = await anonymous.GetAsync($"/rest/v2/users/{giver.Username}/flattrs");
        await (await anonymous.GetAsync($"/rest/v2/things/{hidden}/flattrs")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        var own = await (await giverClient.GetAsync("/rest/v2/user/flattrs")).AssertOkAsync();

        Assert.Empty((await publicList.AssertOkAsync()).AsArray());
        Assert.DoesNotContain("Private hidden work", await publicList.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(own.AsArray());
    }

    [Fact]
    public async Task Flattr_listings_are_paged_newest_first()
    {
        var giver = await host.CreateGiverAsync(depositCents: 5000);
        var things = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            things.Add(await host.CreateThingAsync(await host.CreateUserAsync()));
        }

        using var client = host.Client(await host.TokenAsync(giver, "flattr"));
        foreach (var thing in things)
        {
            await (await client.PostAsync($"/rest/v2/things/{thing}/flattr", null)).AssertOkAsync();
        }

        var first = await client.GetAsync($"/rest/v2/users/{giver.Username}/flattrs?count=2");
        var second = await (await client.GetAsync($"/rest/v2/users/{giver.Username}/flattrs?count=2&page=2")).AssertOkAsync();

        Assert.Equal([things[2], things[1]], ThingIds(await first.AssertOkAsync()));
        Assert.Equal([things[0]], ThingIds(second));
        Assert.Contains("rel=\"next\"", first.Header("Link"), StringComparison.Ordinal);
    }

    static List<string?> Givers(JsonNode body) => [.. body.AsArray().Select(f => (string?)f!["owner"]!["username"])];

    static List<long> ThingIds(JsonNode body) => [.. body.AsArray().Select(f => (long)f!["thing"]!["id"]!)];
}
