using System.Globalization;
using System.Net;
using System.Text;
using Flattr.Things;
using Flattr.Web.Button;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Flattr.Web.Tests.Button;

/// <summary>
/// Button frames on another site follow their counts live. The frames of a page elect one of them to hold the page's only
/// connection to the live hub (a SignalR group per thing on the server); the others hear the counts from it.
/// </summary>
[Collection(FlattrAppCollection.Name)]
public sealed class LiveButtonTests(FlattrApp app, Browser browser, ITestOutputHelper output)
{
    const int Buttons = 50;

    [Fact]
    public async Task Fifty_buttons_on_one_page_share_one_live_connection_and_a_clicked_things_frame_shows_its_new_count()
    {
        var creator = await app.CreateUserAsync("livebuttons");
        var giver = await app.CreateUserAsync("livefan", depositCents: 2000);
        var registry = app.Grains.GetThingRegistry();
        var things = new List<ThingInfo>();
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Fifty posts</title></head><body><h1>Fifty posts</h1><p>");
        for (var i = 0; i < Buttons; i++)
        {
            var thing = await registry.Register(creator.Id, new ThingSubmission($"https://many.example.org/{Guid.NewGuid():N}", $"Post number {i}"));
            things.Add(thing);
            html.Append(CultureInfo.InvariantCulture, $"""<a class="FlattrButton" href="{WebUtility.HtmlEncode(thing.Url)}" data-flattr-uid="{creator.Username}" data-flattr-button="compact" title="Post {i}">Post {i}</a> """);
        }

        html.Append(CultureInfo.InvariantCulture, $"""</p><script async src="{new Uri(app.BaseUri, "/button.js")}"></script></body></html>""");
        await using var blog = await BlogSite.StartAsync(new Dictionary<string, string> { ["/many"] = html.ToString() });
        await using var context = await browser.NewContextAsync();
        var requests = new List<Microsoft.Playwright.IRequest>();
        context.Request += (_, request) => { lock (requests) { requests.Add(request); } };
        var page = await context.NewPageAsync();
        var sockets = 0;
        page.Console += (_, message) => output.WriteLine("console: " + message.Text);
        page.PageError += (_, error) => output.WriteLine("page error: " + error);
        page.WebSocket += (_, _) => Interlocked.Increment(ref sockets);
        await page.GotoAsync(new Uri(blog.BaseUri, "/many").ToString());
        await Expect(page.Locator("iframe.FlattrButton")).ToHaveCountAsync(Buttons);

        // The hub frame joined every frame's thing on the page's one connection.
        IFrame? leader = null;
        for (var attempt = 0; attempt < 300 && leader is null; attempt++)
        {
            foreach (var frame in page.Frames.Where(f => f.Url.Contains("/button/view", StringComparison.Ordinal)))
            {
                if (await frame.EvaluateAsync<string?>("() => document.documentElement.getAttribute('data-watching')") == Buttons.ToString(CultureInfo.InvariantCulture))
                {
                    leader = frame;
                }
            }

            await Task.Delay(100);
        }

        if (leader is null)
        {
            foreach (var frame in page.Frames)
            {
                output.WriteLine(frame.Url + " " + await frame.EvaluateAsync<string>("() => document.documentElement.getAttribute('data-live') + ' ' + document.documentElement.getAttribute('data-watching')"));
            }
        }

        Assert.NotNull(leader);
        var clicked = things[37];
        var result = await app.Grains.WalletNow(giver.Id, app.Services.GetRequiredService<TimeProvider>()).Flattr(clicked.Id, anonymous: false);
        var frameOfClicked = page.FrameLocator($"iframe.FlattrButton >> nth=37");
        await Expect(frameOfClicked.Locator("#count")).ToHaveTextAsync(result.ThingTotalClicks.ToString(CultureInfo.InvariantCulture));
        await Expect(page.FrameLocator("iframe.FlattrButton >> nth=36").Locator("#count")).ToHaveTextAsync("0");

        List<Microsoft.Playwright.IRequest> seen;
        lock (requests)
        {
            seen = [.. requests];
        }

        var negotiations = seen.Count(r => r.Url.Contains("/live/negotiate", StringComparison.Ordinal));
        var toFlattr = seen.Where(r => r.Url.StartsWith(app.BaseUri.ToString(), StringComparison.Ordinal)).ToList();
        output.WriteLine($"{Buttons} buttons: {toFlattr.Count} requests to Flattr ({toFlattr.Count(r => r.Url.Contains("/button/view", StringComparison.Ordinal))} frames, "
            + $"{toFlattr.Count(r => r.Url.Contains("frame.js", StringComparison.Ordinal))} frame.js, {negotiations} negotiate), {sockets} WebSocket(s)");
        Assert.Equal(1, negotiations);
        Assert.True(sockets <= 1, $"{sockets} WebSockets for one page");
    }
}
