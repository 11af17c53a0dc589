using System.Net.WebSockets;
using System.Text;
using Flattr.Faults.Tests.Support;
using Flattr.Web.Live;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Faults.Tests.Fuzz;

/// <summary>
/// The live hub (<c>/live</c>) fuzzed: random targets and arguments, malformed and oversized frames. The app stays up, nothing
/// in the database changes, and whatever a connection made the server hold (observers, groups) is bounded while it lasts and
/// released when it goes.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class HubFuzzTests(FaultsApp app, ITestOutputHelper output) : LedgerAuditedTests(app)
{
    [Fact]
    public async Task Random_hub_invocations_never_break_the_app_and_leave_nothing_behind()
    {
        var v = new FuzzValues(FuzzRunner.Seed(301));
        using var member = await App.MemberAsync("hubfuzz");
        var thing = await App.CreateThingAsync(member.User);
        var before = await App.FingerprintAsync();
        string[] targets = ["WatchThing", "UnwatchThing", "WatchCreator", "WatchTrending", "DropEverything", "OnDisconnectedAsync", "watchthing", ""];
        var invocations = 0;
        var closed = 0;
        for (var connection = 0; connection < 6; connection++)
        {
            var hub = await HubWire.ConnectAsync(App.BaseUri, connection % 2 == 0 ? member.Session.Cookies : null);
            for (var i = 0; i < 30; i++)
            {
                object[] arguments = v.Next(6) switch
                {
                    0 => [thing],
                    1 => [long.Parse(v.Pick(new[] { "0", "-1", "9223372036854775807", "900000000" }), System.Globalization.CultureInfo.InvariantCulture)],
                    2 => [v.Text()],
                    3 => [],
                    4 => [thing, thing, v.Text()],
                    _ => [member.Id],
                };
                // Every invocation gets a completion (an error is fine); a frame the server cannot read ends the connection.
                invocations++;
                Tally.Request();
                try
                {
                    await hub.InvokeAsync(v.Pick(targets), arguments);
                }
                catch (WebSocketException)
                {
                    closed++;
                    await hub.DisposeAsync();
                    hub = await HubWire.ConnectAsync(App.BaseUri, connection % 2 == 0 ? member.Session.Cookies : null);
                }
            }

            await hub.DisposeAsync();
        }

        output.WriteLine($"{closed} connections closed by the server after an unreadable invocation");

        Tally.Check(invocations);
        await AssertReleasedAndHealthyAsync(before);
        output.WriteLine($"seed {v.Seed}: {invocations} hub invocations");
    }

    [Fact]
    public async Task Malformed_and_oversized_frames_close_the_connection_and_leave_the_app_healthy()
    {
        var before = await App.FingerprintAsync();
        string[] frames =
        [
            "not json\u001e", "{\u001e", "{\"type\":1}\u001e", "{\"type\":1,\"target\":\"WatchThing\",\"arguments\":{}}\u001e",
            "{\"type\":1,\"target\":\"WatchThing\",\"arguments\":[\"" + new string('9', 5000) + "\"]}\u001e", "{\"type\":99}\u001e",
            "{\"type\":1,\"target\":\"WatchThing\",\"arguments\":[1]," + new string(' ', 100_000) + "}\u001e", "\u001e\u001e\u001e",
            "{\"type\":1,\"invocationId\":\"x\",\"target\":\"WatchThing\",\"arguments\":[" + string.Join(',', Enumerable.Repeat("[", 2000)) + "]}\u001e",
        ];
        foreach (var frame in frames)
        {
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new UriBuilder(new Uri(App.BaseUri, "/live")) { Scheme = "ws" }.Uri, CancellationToken.None);
            await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}\u001e");
            await SendAsync(socket, frame);
            Tally.Request();
            // The server answers with a close or an error completion; either way the socket ends or stays usable, never the app.
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                var buffer = new byte[4096];
                while (socket.State == WebSocketState.Open)
                {
                    var result = await socket.ReceiveAsync(buffer, wait.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Still open after a garbage frame it ignored: fine.
            }
            catch (WebSocketException)
            {
                // The server dropped the connection: fine too.
            }
        }

        await AssertReleasedAndHealthyAsync(before);
    }

    [Fact]
    public async Task One_connection_cannot_make_the_server_hold_unbounded_watches()
    {
        using var member = await App.MemberAsync("hubwatcher");
        var things = new List<long>();
        for (var i = 0; i < LiveBridge.MaximumWatchesPerConnection + 5; i++)
        {
            things.Add(await App.CreateThingAsync(member.User));
        }

        var bridge = App.App.Services.GetRequiredService<LiveBridge>();
        var baseline = bridge.ObservedCounts.Things;
        await using (var hub = await HubWire.ConnectAsync(App.BaseUri, null))
        {
            // Real things beyond the limit, then ids nobody registered: an attacker's loop over ids.
            var refused = 0;
            foreach (var id in things.Concat(Enumerable.Range(0, 400).Select(i => 950_000_000L + i)))
            {
                refused += await hub.InvokeAsync("WatchThing", id) is null ? 0 : 1;
            }

            Assert.Equal(5 + 400, refused);

            var held = bridge.ObservedCounts.Things - baseline;
            output.WriteLine($"one connection: {held} things observed after {things.Count + 400} watch requests");
            Assert.Equal(LiveBridge.MaximumWatchesPerConnection, held);
        }

        await Eventually(() => bridge.ObservedCounts.Things == baseline);
        Tally.Check(2);
    }

    async Task AssertReleasedAndHealthyAsync(StateFingerprint before)
    {
        var bridge = App.App.Services.GetRequiredService<LiveBridge>();
        await Eventually(() => bridge.ObservedCounts == (0, 0));
        using var visitor = App.Visitor();
        Assert.Equal("ok", await visitor.Http.GetStringAsync("/health"));
        Assert.Equal(before, await App.FingerprintAsync());
        Tally.Check(3);
    }

    static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the hub did not release what the connections held");
            await Task.Delay(50);
        }
    }

    static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
}
