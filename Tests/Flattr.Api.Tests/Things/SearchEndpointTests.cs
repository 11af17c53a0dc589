using System.Net;
using System.Text.Json.Nodes;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Things;

/// <summary>Search runs against one owner's things per test (the user filter), so tests sharing the database stay apart.</summary>
public sealed class SearchEndpointTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Search_answers_flattrs_envelope_with_totals()
    {
        var owner = await host.CreateUserAsync();
        await host.CreateThingAsync(owner, title: "Envelope thing one");
        await host.CreateThingAsync(owner, title: "Envelope thing two");
        await host.CreateThingAsync(owner, title: "Envelope thing three");
        using var client = host.Client();

        var body = await (await client.GetAsync($"/rest/v2/things/search?user={owner.Username}&count=2&page=2")).AssertOkAsync();

        Assert.Equal(3, (long)body["total_items"]!);
        Assert.Equal(1, (int)body["items"]!);
        Assert.Equal(2, (int)body["page"]!);
        Assert.Single(body["things"]!.AsArray());
    }

    [Fact]
    public async Task Search_finds_by_text_in_title_and_description()
    {
        var owner = await host.CreateUserAsync();
        var match = await host.CreateThingAsync(owner, title: "Accordion lessons for beginners");
        await host.CreateThingAsync(owner, title: "Something else entirely");
        using var client = host.Client();

        var body = await (await client.GetAsync($"/rest/v2/things/search?user={owner.Username}&query=accordion")).AssertOkAsync();

        Assert.Equal([match], Ids(body));
    }

    [Theory]
    [InlineData("game | games ! software", new[] { "game-art", "games-only" })]
    [InlineData("photo & flickr ! illustrations", new[] { "photo-flickr" })]
    [InlineData("photo flickr", new[] { "photo-flickr", "photo-flickr-illustrations" })]
    [InlineData("!(photo | game | games)", new[] { "free-software", "plain" })]
    [InlineData("\"free software\"", new[] { "free-software" })]
    public async Task Search_by_tags_follows_flattrs_boolean_syntax(string expression, string[] expected)
    {
        var owner = await host.CreateUserAsync();
        var things = new Dictionary<string, long>
        {
            ["game-art"] = await host.CreateThingAsync(owner, tags: ["game", "art"]),
            ["games-only"] = await host.CreateThingAsync(owner, tags: ["games"]),
            ["game-software"] = await host.CreateThingAsync(owner, tags: ["game", "software"]),
            ["photo-flickr"] = await host.CreateThingAsync(owner, tags: ["photo", "flickr"]),
            ["photo-flickr-illustrations"] = await host.CreateThingAsync(owner, tags: ["photo", "flickr", "illustrations"]),
            ["free-software"] = await host.CreateThingAsync(owner, tags: ["free software"]),
            ["plain"] = await host.CreateThingAsync(owner),
        };
        using var client = host.Client();

        var body = await (await client.GetAsync($"/rest/v2/things/search?user={owner.Username}&tags={Uri.EscapeDataString(expression)}")).AssertOkAsync();

        Assert.Equal(expected.Select(name => things[name]).Order(), Ids(body).Order());
    }

    [Fact]
    public async Task Search_filters_by_category_and_language_lists()
    {
        var owner = await host.CreateUserAsync();
        var audioFrench = await host.CreateThingAsync(owner, category: "audio", language: "fr_FR");
        var videoGerman = await host.CreateThingAsync(owner, category: "video", language: "de_DE");
        await host.CreateThingAsync(owner, category: "text", language: "fr_FR");
        using var client = host.Client();

        var byCategory = await (await client.GetAsync($"/rest/v2/things/search?user={owner.Username}&category=audio,video")).AssertOkAsync();
        var byBoth = await (await client.GetAsync($"/rest/v2/things/search?user={owner.Username}&category=audio,video&language=de_DE")).AssertOkAsync();

        Assert.Equal(new[] { audioFrench, videoGerman }.Order(), Ids(byCategory).Order());
        Assert.Equal([videoGerman], Ids(byBoth));
    }

    [Fact]
    public async Task Search_by_url_matches_a_prefix()
    {
        var owner = await host.CreateUserAsync();
        var site = $"https://{host.Unique("site")}.example.org";
        var first = await host.CreateThingAsync(owner, url: site + "/a");
        var second = await host.CreateThingAsync(owner, url: site + "/b");
        await host.CreateThingAsync(owner, url: "https://elsewhere.example.org/" + host.Unique("x"));
        using var client = host.Client();

        var body = await (await client.GetAsync($"/rest/v2/things/search?url={Uri.EscapeDataString(site + "/")}")).AssertOkAsync();

        Assert.Equal(new[] { first, second }.Order(), Ids(body).Order());
    }

    [Fact]
    public async Task Search_never_finds_hidden_or_deleted_things()
    {
        var owner = await host.CreateUserAsync();
        var listed = await host.CreateThingAsync(owner, title: "Visible needle thing");
        await host.CreateThingAsync(owner, title: "Hidden needle thing", hidden: true);
        var deleted = await host.CreateThingAsync(owner, title: "Deleted needle thing");
        await host.Grains.GetThing(deleted).Delete(owner.Id);
        using var ownerClient = host.Client(await host.TokenAsync(owner, "extendedread", "thing"));

        var body = await (await ownerClient.GetAsync($"/rest/v2/things/search?user={owner.Username}&query=needle")).AssertOkAsync();

        Assert.Equal([listed], Ids(body));
        Assert.Equal(1, (long)body["total_items"]!);
    }

    [Fact]
    public async Task Search_sorts_by_flattrs_and_by_recent_flattrs()
    {
        var owner = await host.CreateUserAsync();
        var popular = await host.CreateThingAsync(owner);
        var quiet = await host.CreateThingAsync(owner);
        var unloved = await host.CreateThingAsync(owner);
        var month = Month.Current(TimeProvider.System);
        foreach (var thing in new[] { popular, popular, quiet })
        {
            var giver = await host.CreateGiverAsync();
            await host.Grains.GetWallet(giver.Id, month).Flattr(thing, anonymous: false);
        }

        using var client = host.Client();
        foreach (var sort in new[] { "flattrs", "flattrs_month", "flattrs_week", "flattrs_day", "trend" })
        {
            var body = await (await client.GetAsync($"/rest/v2/things/search?user={owner.Username}&sort={sort}")).AssertOkAsync();
            Assert.Equal([popular, quiet, unloved], Ids(body));
        }

        var relevance = await (await client.GetAsync($"/rest/v2/things/search?user={owner.Username}")).AssertOkAsync();
        Assert.Equal([unloved, quiet, popular], Ids(relevance));
    }

    [Fact]
    public async Task Search_for_an_unknown_user_finds_nothing()
    {
        using var client = host.Client();
        var body = await (await client.GetAsync("/rest/v2/things/search?user=nobody_at_all")).AssertOkAsync();
        Assert.Equal(0, (long)body["total_items"]!);
        Assert.Empty(body["things"]!.AsArray());
    }

    [Theory]
    [InlineData("sort=popularity")]
    [InlineData("tags=game%20%7C")]
    [InlineData("tags=(game")]
    [InlineData("category=cats")]
    [InlineData("language=english")]
    [InlineData("url=ftp%3A%2F%2Fexample.org")]
    [InlineData("count=500")]
    public async Task Search_with_bad_criteria_is_invalid_parameters(string query)
    {
        using var client = host.Client();
        await (await client.GetAsync($"/rest/v2/things/search?{query}")).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_parameters");
    }

    static List<long> Ids(JsonNode body) => [.. body["things"]!.AsArray().Select(t => (long)t!["id"]!)];
}
