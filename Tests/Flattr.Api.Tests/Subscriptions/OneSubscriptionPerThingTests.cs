using System.Net;
using System.Text.Json.Nodes;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Subscriptions;

/// <summary>
/// Flattr kept one subscription per giver and thing: PUT pauses and resumes it, DELETE ends it. The request sequence of the
/// report (subscribe, pause, resume, list, cancel, list) as a Flattr-era client sends it.
/// </summary>
public sealed class OneSubscriptionPerThingTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Pause_and_resume_toggle_the_one_subscription_and_a_cancelled_one_is_no_longer_listed()
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync(), title: "A podcast to follow");
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));
        var path = $"/rest/v2/things/{thing}/subscriptions";

        await (await client.PostAsync(path, Http.Form())).AssertOkAsync();
        var subscribed = Single(await (await client.GetAsync("/rest/v2/user/subscriptions")).AssertOkAsync());
        var paused = await (await client.PutAsync(path, Http.Form())).AssertOkAsync();
        var whilePaused = Single(await (await client.GetAsync("/rest/v2/user/subscriptions")).AssertOkAsync());
        var resumed = await (await client.PutAsync(path, Http.Form())).AssertOkAsync();
        var afterResume = Single(await (await client.GetAsync("/rest/v2/user/subscriptions")).AssertOkAsync());
        var cancelled = await client.DeleteAsync(path);
        var afterCancel = await (await client.GetAsync("/rest/v2/user/subscriptions")).AssertOkAsync();

        Assert.True((bool)subscribed["active"]!);
        Assert.Equal("paused", (string?)paused["message"]);
        Assert.Equal("Subscription paused", (string?)paused["description"]);
        Assert.False((bool)whilePaused["active"]!);
        Assert.Equal("started", (string?)resumed["message"]);
        Assert.Equal("Subscription started", (string?)resumed["description"]);
        Assert.True((bool)afterResume["active"]!);
        Assert.Equal(thing, (long)afterResume["thing"]!["id"]!);
        Assert.Equal((long)subscribed["created_at"]!, (long)afterResume["created_at"]!);
        Assert.True((long)afterResume["started_at"]! >= (long)subscribed["started_at"]!);
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Empty(afterCancel.AsArray());

        // One row, one click this month however often it was paused and resumed; the thing counts one flattr.
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM subscriptions WHERE giver_id = $1 AND thing_id = $2", giver.Id, thing));
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2", giver.Id, thing));
        var counted = await (await client.GetAsync($"/rest/v2/things/{thing}")).AssertOkAsync();
        Assert.Equal(1, (long)counted["flattrs"]!);
        Assert.False((bool)counted["subscribed"]!);
    }

    [Fact]
    public async Task After_a_cancellation_put_and_delete_are_not_found_and_subscribing_again_starts_the_same_row_afresh()
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync());
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));
        var path = $"/rest/v2/things/{thing}/subscriptions";
        await (await client.PostAsync(path, Http.Json("""{"months": 3}"""))).AssertOkAsync();
        await (await client.PutAsync(path, Http.Form())).AssertOkAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(path)).StatusCode);

        var toggle = await client.PutAsync(path, Http.Form());
        var delete = await client.DeleteAsync(path);
        var again = await client.PostAsync(path, Http.Form());
        var listed = Single(await (await client.GetAsync("/rest/v2/user/subscriptions")).AssertOkAsync());

        await toggle.AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        await delete.AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        await again.AssertOkAsync();
        Assert.True((bool)listed["active"]!);
        Assert.Null(listed["months"]);
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM subscriptions WHERE giver_id = $1 AND thing_id = $2", giver.Id, thing));
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2", giver.Id, thing));
    }

    [Fact]
    public async Task Subscribing_to_a_paused_subscription_is_subscribed_and_a_paused_one_can_be_cancelled()
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync());
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));
        var path = $"/rest/v2/things/{thing}/subscriptions";
        await (await client.PostAsync(path, Http.Form())).AssertOkAsync();
        await (await client.PutAsync(path, Http.Form())).AssertOkAsync();

        var subscribeAgain = await client.PostAsync(path, Http.Form());
        var thingWhilePaused = await (await client.GetAsync($"/rest/v2/things/{thing}")).AssertOkAsync();
        var cancel = await client.DeleteAsync(path);

        await subscribeAgain.AssertErrorAsync(HttpStatusCode.Forbidden, "subscribed");
        Assert.True((bool)thingWhilePaused["subscribed"]!);
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        Assert.Empty((await (await client.GetAsync("/rest/v2/user/subscriptions")).AssertOkAsync()).AsArray());
    }

    static JsonNode Single(JsonNode list) => Assert.Single(list.AsArray())!;
}
