using System.Net;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Subscriptions;

public sealed class SubscriptionEndpointTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Subscribing_flattrs_the_thing_this_month_and_lists_the_subscription()
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync(), title: "A podcast to follow");
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));

        var body = await (await client.PostAsync($"/rest/v2/things/{thing}/subscriptions", Http.Json("""{"months": 6}"""))).AssertOkAsync();
        var list = await (await client.GetAsync("/rest/v2/user/subscriptions")).AssertOkAsync();

        Assert.Equal("Successfully subscribed to Thing", (string?)body["description"]);
        Assert.Equal(thing, (long)body["thing"]!["id"]!);
        Assert.Equal(1, (long)body["thing"]!["flattrs"]!);
        var subscription = Assert.Single(list.AsArray())!;
        Assert.Equal("subscription", (string?)subscription["type"]);
        Assert.True((bool)subscription["active"]!);
        Assert.Equal(6, (int)subscription["months"]!);
        Assert.Equal(thing, (long)subscription["thing"]!["id"]!);
        Assert.True((long)subscription["started_at"]! <= (long)subscription["created_at"]!);
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2 AND source = 'subscription'", giver.Id, thing));
    }

    [Fact]
    public async Task Put_toggles_a_subscription_between_paused_and_started()
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync());
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));

        var none = await client.PutAsync($"/rest/v2/things/{thing}/subscriptions", null);
        await (await client.PostAsync($"/rest/v2/things/{thing}/subscriptions", null)).AssertOkAsync();
        var paused = await (await client.PutAsync($"/rest/v2/things/{thing}/subscriptions", null)).AssertOkAsync();
        var list = await (await client.GetAsync("/rest/v2/user/subscriptions")).AssertOkAsync();
        var started = await (await client.PutAsync($"/rest/v2/things/{thing}/subscriptions", null)).AssertOkAsync();

        await none.AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal("paused", (string?)paused["message"]);
        Assert.False((bool)Assert.Single(list.AsArray())!["active"]!);
        Assert.Equal("started", (string?)started["message"]);
    }

    [Fact]
    public async Task Deleting_cancels_the_running_subscription_and_a_second_delete_is_not_found()
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync());
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));
        await (await client.PostAsync($"/rest/v2/things/{thing}/subscriptions", null)).AssertOkAsync();

        var cancelled = await client.DeleteAsync($"/rest/v2/things/{thing}/subscriptions");

        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        await (await client.DeleteAsync($"/rest/v2/things/{thing}/subscriptions")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM subscriptions WHERE giver_id = $1 AND cancelled_at IS NOT NULL", giver.Id));
    }

    [Fact]
    public async Task Subscribing_to_ones_own_thing_is_thing_owner_and_twice_is_subscribed()
    {
        var giver = await host.CreateGiverAsync();
        var own = await host.CreateThingAsync(giver);
        var other = await host.CreateThingAsync(await host.CreateUserAsync());
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));

        await (await client.PostAsync($"/rest/v2/things/{own}/subscriptions", null)).AssertErrorAsync(HttpStatusCode.Forbidden, "thing_owner");
        await (await client.PostAsync($"/rest/v2/things/{other}/subscriptions", null)).AssertOkAsync();
        await (await client.PostAsync($"/rest/v2/things/{other}/subscriptions", null)).AssertErrorAsync(HttpStatusCode.Forbidden, "subscribed");
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM subscriptions WHERE giver_id = $1", giver.Id));
    }

    [Theory]
    [InlineData("""{"months": 5}""")]
    [InlineData("""{"months": "many"}""")]
    public async Task Subscribing_for_a_term_flattr_does_not_offer_is_invalid_parameters(string json)
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync());
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));

        await (await client.PostAsync($"/rest/v2/things/{thing}/subscriptions", Http.Json(json))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_parameters");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM subscriptions WHERE giver_id = $1", giver.Id));
    }

    [Fact]
    public async Task Subscriptions_need_the_flattr_scope_and_stay_private()
    {
        var thing = await host.CreateThingAsync(await host.CreateUserAsync());
        var giver = await host.CreateGiverAsync();
        using var reader = host.Client(await host.TokenAsync(giver, "extendedread"));

        await (await reader.GetAsync("/rest/v2/user/subscriptions")).AssertErrorAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        await (await reader.PostAsync($"/rest/v2/things/{thing}/subscriptions", null)).AssertErrorAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        await (await reader.PutAsync($"/rest/v2/things/{thing}/subscriptions", null)).AssertErrorAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        await (await reader.DeleteAsync($"/rest/v2/things/{thing}/subscriptions")).AssertErrorAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        using var anonymous = host.Client();
        await (await anonymous.GetAsync("/rest/v2/user/subscriptions")).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Subscribing_to_an_unknown_or_someone_elses_hidden_thing_is_not_found()
    {
        var hidden = await host.CreateThingAsync(await host.CreateUserAsync(), hidden: true);
        var giver = await host.CreateGiverAsync();
        using var client = host.Client(await host.TokenAsync(giver, "flattr"));

        await (await client.PostAsync($"/rest/v2/things/{hidden}/subscriptions", null)).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.PostAsync("/rest/v2/things/4040404/subscriptions", null)).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
    }
}
