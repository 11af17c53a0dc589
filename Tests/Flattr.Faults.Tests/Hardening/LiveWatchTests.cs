using Flattr.Faults.Tests.Support;
using Flattr.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Flattr.Faults.Tests.Hardening;

/// <summary>
/// The live hub with the real SignalR .NET client: watching an id nobody registered (a thing, or a creator's ticker) is
/// refused without activating any grain, and a socket holds no more watches than a page shows.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class LiveWatchTests(FaultsApp app, ITestOutputHelper output) : LedgerAuditedTests(app)
{
    [Fact]
    public async Task Anonymous_sockets_watching_unknown_things_and_creators_activate_no_grain()
    {
        using var owner = await App.MemberAsync("liveunknown");
        var known = await App.CreateThingAsync(owner.User);
        var sockets = new List<HubConnection>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                sockets.Add(await ConnectAsync());
            }

            // The registry's (stateless) activations exist before the count: the first socket watches a real thing.
            await sockets[0].InvokeAsync("WatchThing", known);
            await sockets[0].InvokeAsync("UnwatchThing", known);
            var before = await App.ActivationsByTypeAsync();
            var refused = 0;
            foreach (var socket in sockets)
            {
                for (var id = 0; id < 100; id++)
                {
                    var unknown = 900_000_000L + (sockets.IndexOf(socket) * 1000) + id;
                    await Assert.ThrowsAsync<HubException>(() => socket.InvokeAsync("WatchThing", unknown));
                    await Assert.ThrowsAsync<HubException>(() => socket.InvokeAsync("WatchCreator", unknown));
                    refused += 2;
                    Tally.Request();
                }
            }

            var after = await App.ActivationsByTypeAsync();
            output.WriteLine($"{refused} watches refused; activations {before.Values.Sum()} → {after.Values.Sum()}: " +
                string.Join(", ", after.Where(a => before.GetValueOrDefault(a.Key) != a.Value).Select(a => $"{a.Key} {before.GetValueOrDefault(a.Key)}→{a.Value}")));
            foreach (var type in new[] { "Thing", "Creator", "User", "Wallet" })
            {
                Assert.Equal(before.GetValueOrDefault(type), after.GetValueOrDefault(type));
            }

            Assert.True(after.Values.Sum() <= before.Values.Sum() + 2, "activations grew with the unknown ids");
            Tally.Check(refused);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_socket_holds_at_most_the_watches_a_page_shows()
    {
        using var owner = await App.MemberAsync("livebound");
        var things = new List<long>();
        for (var i = 0; i <= LiveBridge.MaximumWatchesPerConnection; i++)
        {
            things.Add(await App.CreateThingAsync(owner.User));
        }

        await using var socket = await ConnectAsync();
        foreach (var thing in things.Take(LiveBridge.MaximumWatchesPerConnection))
        {
            await socket.InvokeAsync("WatchThing", thing);
        }

        Assert.True(LiveBridge.MaximumWatchesPerConnection <= 100, "a blog's front page of buttons shares one connection; no page shows more");
        var refusal = await Assert.ThrowsAsync<HubException>(() => socket.InvokeAsync("WatchThing", things[^1]));
        Assert.Contains("at most", refusal.Message, StringComparison.Ordinal);

        // Watching one again that it already holds is no new watch.
        await socket.InvokeAsync("WatchThing", things[0]);
        Tally.Check(2);
    }

    async Task<HubConnection> ConnectAsync()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(App.BaseUri, LiveHub.Path)).Build();
        await connection.StartAsync();
        return connection;
    }
}
