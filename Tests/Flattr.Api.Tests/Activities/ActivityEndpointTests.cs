using System.Net;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Activities;

public sealed class ActivityEndpointTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Outgoing_activities_are_activity_streams_of_the_users_public_flattrs()
    {
        var owner = await host.CreateUserAsync();
        var thing = await host.CreateThingAsync(owner, title: "Acoustid");
        var shyThing = await host.CreateThingAsync(owner, title: "Shy flattr target");
        var giver = await host.CreateGiverAsync();
        using var giverClient = host.Client(await host.TokenAsync(giver, "flattr"));
        await (await giverClient.PostAsync($"/rest/v2/things/{thing}/flattr", null)).AssertOkAsync();
        await (await giverClient.PostAsync($"/rest/v2/things/{shyThing}/flattr", Http.Json("""{"anonymous": true}"""))).AssertOkAsync();
        using var anonymous = host.Client();

        var stream = await (await anonymous.GetAsync($"/rest/v2/users/{giver.Username}/activities")).AssertOkAsync();
        var own = await (await giverClient.GetAsync("/rest/v2/user/activities")).AssertOkAsync();

        var item = Assert.Single(stream["items"]!.AsArray())!;
        Assert.Equal("like", (string?)item["verb"]);
        Assert.Equal($"{giver.Username} flattred \"Acoustid\"", (string?)item["title"]);
        Assert.Equal(giver.Username, (string?)item["actor"]!["displayName"]);
        Assert.Equal("person", (string?)item["actor"]!["objectType"]);
        Assert.Equal("Acoustid", (string?)item["object"]!["displayName"]);
        Assert.Equal("bookmark", (string?)item["object"]!["objectType"]);
        Assert.Equal(host.BaseAddress + $"things/{thing}", (string?)item["object"]!["url"]);
        Assert.StartsWith("tag:", (string?)item["id"], StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse((string?)item["published"], System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal(2, own["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Incoming_activities_show_who_flattred_the_users_things_but_never_anonymous_givers()
    {
        var owner = await host.CreateUserAsync();
        var thing = await host.CreateThingAsync(owner);
        var open = await host.CreateGiverAsync("open");
        var shy = await host.CreateGiverAsync("shy");
        using var openClient = host.Client(await host.TokenAsync(open, "flattr"));
        using var shyClient = host.Client(await host.TokenAsync(shy, "flattr"));
        await (await openClient.PostAsync($"/rest/v2/things/{thing}/flattr", null)).AssertOkAsync();
        await (await shyClient.PostAsync($"/rest/v2/things/{thing}/flattr", Http.Json("""{"anonymous": true}"""))).AssertOkAsync();
        using var ownerClient = host.Client(await host.TokenAsync(owner, "extendedread"));

        var incoming = await (await ownerClient.GetAsync("/rest/v2/user/activities?type=incoming")).AssertOkAsync();

        var item = Assert.Single(incoming["items"]!.AsArray())!;
        Assert.Equal(open.Username, (string?)item["actor"]!["displayName"]);
        Assert.DoesNotContain(shy.Username, incoming.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activities_of_an_unknown_user_or_of_an_unknown_type_are_refused()
    {
        var user = await host.CreateUserAsync();
        using var client = host.Client();

        await (await client.GetAsync("/rest/v2/users/nobody_here/activities")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync($"/rest/v2/users/{user.Username}/activities?type=sideways")).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_parameters");
        await (await client.GetAsync("/rest/v2/user/activities")).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
