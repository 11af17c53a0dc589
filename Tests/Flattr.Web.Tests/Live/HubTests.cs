using Flattr.Things;
using Flattr.Web.Button;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Web.Tests.Live;

[Collection(FlattrAppCollection.Name)]
public sealed class HubTests(FlattrApp app)
{
    [Fact]
    public async Task A_creator_may_join_only_their_own_ticker()
    {
        var alice = await app.CreateUserAsync("alice");
        var bob = await app.CreateUserAsync("bob");
        await using var wire = await HubWire.ConnectAsync(app, alice);
        Assert.Null(await wire.InvokeAsync("WatchCreator", alice.Id));
        Assert.Contains("forbidden", await wire.InvokeAsync("WatchCreator", bob.Id), StringComparison.Ordinal);

        await using var anonymous = await HubWire.ConnectAsync(app, null);
        Assert.Contains("forbidden", await anonymous.InvokeAsync("WatchCreator", alice.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_burst_of_clicks_ends_with_the_final_count_on_the_things_group()
    {
        var creator = await app.CreateUserAsync("bursty");
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission($"https://burst.example.org/{Guid.NewGuid():N}", "A thing clicked in a burst"));
        var givers = new List<TestUser>();
        for (var i = 0; i < 12; i++)
        {
            givers.Add(await app.CreateUserAsync("burst", depositCents: 1000));
        }

        await using var wire = await HubWire.ConnectAsync(app, null);
        Assert.Null(await wire.InvokeAsync("WatchThing", thing.Id));
        var time = app.Services.GetRequiredService<TimeProvider>();
        await Task.WhenAll(givers.Select(g => app.Grains.WalletNow(g.Id, time).Flattr(thing.Id, anonymous: true)));

        var messages = 0;
        long last = 0;
        while (last < givers.Count)
        {
            var count = await wire.NextAsync("count", TimeSpan.FromSeconds(10));
            Assert.NotNull(count);
            messages++;
            last = count.Value.GetProperty("totalClicks").GetInt64();
        }

        Assert.Equal(givers.Count, last);
        Assert.InRange(messages, 1, givers.Count);
    }

    [Fact]
    public async Task The_creators_ticker_carries_the_grains_income_clicks_and_givers_with_each_click()
    {
        var creator = await app.CreateUserAsync("tickered");
        var giver = await app.CreateUserAsync("ticking", depositCents: 1000);
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission($"https://ticker.example.org/{Guid.NewGuid():N}", "A thing on a ticker"));
        await using var wire = await HubWire.ConnectAsync(app, creator);
        Assert.Null(await wire.InvokeAsync("WatchCreator", creator.Id));

        await app.Grains.WalletNow(giver.Id, app.Services.GetRequiredService<TimeProvider>()).Flattr(thing.Id, anonymous: false);

        var batch = await wire.NextAsync("flattrs", TimeSpan.FromSeconds(10));
        Assert.NotNull(batch);
        var last = batch.Value[batch.Value.GetArrayLength() - 1];
        Assert.Equal(thing.Id, last.GetProperty("thingId").GetInt64());
        Assert.Equal(500, last.GetProperty("expectedIncomeCents").GetInt64());
        Assert.Equal(1, last.GetProperty("creatorClicks").GetInt64());
        Assert.Equal(1, last.GetProperty("givers").GetInt32());
    }
}
