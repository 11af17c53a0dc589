using System.Globalization;
using System.Text.RegularExpressions;
using Flattr.Things;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Flattr.Web.Tests.EndToEnd;

/// <summary>The button on somebody else's site, flattred by a signed-in giver through Flattr's confirmation window.</summary>
[Collection(FlattrAppCollection.Name)]
public sealed class EmbeddedButtonTests(FlattrApp app, Browser browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Giver_flattrs_from_a_blog_on_another_site_and_the_creators_dashboard_shows_it_within_a_second()
    {
        var creator = await app.CreateUserAsync("blogger");
        var giver = await app.CreateUserAsync("reader", depositCents: 2000);
        var postUrl = "https://blog.example.org/posts/" + Guid.NewGuid().ToString("N");
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission(postUrl, "A post worth flattring", Category: "text"));
        var newPostUrl = "https://blog.example.org/posts/new-" + Guid.NewGuid().ToString("N");
        await using var blog = await BlogSite.StartAsync(new Dictionary<string, string>
        {
            ["/post"] = BlogPages.WithButtons(app.BaseUri, creator.Username, postUrl, newPostUrl),
        });

        // The creator watches their dashboard in another browser profile.
        await using var creatorContext = await browser.NewContextAsync();
        var dashboard = await BrowserSteps.SignInAsync(creatorContext, app, creator, "/dashboard");
        await BrowserSteps.WaitForLiveAsync(dashboard);

        await using var giverContext = await browser.NewContextAsync();
        await BrowserSteps.SignInAsync(giverContext, app, giver);
        var post = await giverContext.NewPageAsync();
        await post.GotoAsync(new Uri(blog.BaseUri, "/post").ToString());
        var button = post.FrameLocator("iframe.FlattrButton >> nth=0");
        await Expect(button.Locator("#count")).ToHaveTextAsync("0");
        await Screenshots.SaveAsync(post, "blog-with-flattr-buttons", output);

        var popup = await post.RunAndWaitForPopupAsync(() => button.Locator("#flattr").ClickAsync());
        await Expect(popup.Locator("#confirm")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(popup, "confirm-popup", output);
        var clickedAt = await popup.EvaluateAsync<double>("() => Date.now()");
        await popup.ClickAsync("#confirm");

        await Expect(popup.Locator("#outcome")).ToHaveAttributeAsync("data-type", "flattr:done");
        await Expect(button.Locator("#count")).ToHaveTextAsync("1");
        await dashboard.WaitForFunctionAsync(
            "id => (window.flattrTickerReceived || []).some(r => r.thingId === id && r.kind === 'flattr')", thing.Id);
        var receivedAt = await dashboard.EvaluateAsync<double>(
            "id => window.flattrTickerReceived.find(r => r.thingId === id).receivedAt", thing.Id);
        output.WriteLine($"confirm click to dashboard: {receivedAt - clickedAt:F0} ms");
        Assert.True(receivedAt - clickedAt < 1000, $"The dashboard showed the click after {receivedAt - clickedAt} ms.");
        await Expect(dashboard.Locator("#ticker li[data-thing]").First).ToContainTextAsync(giver.DisplayName);
        await Expect(dashboard.Locator("#ticker li[data-thing]").First).ToContainTextAsync("A post worth flattring");
        await Expect(dashboard.Locator("#creator-clicks")).ToHaveTextAsync("1");
        await Expect(dashboard.Locator("#creator-givers")).ToHaveTextAsync("1");
        await Expect(dashboard.Locator("#expected-income")).ToHaveAttributeAsync("data-cents", "500");
        await Screenshots.SaveAsync(dashboard, "creator-dashboard", output);

        // Reloaded, the daily charts end with today: one click, €5 expected.
        await dashboard.ReloadAsync();
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        await Expect(dashboard.Locator("#chart-daily-clicks")).ToHaveAttributeAsync("data-days",
            new Regex(Regex.Escape(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) + @"\|1\|500$"));
        await Expect(dashboard.Locator("#chart-daily-clicks .uplot")).ToHaveCountAsync(1);
        await Expect(dashboard.Locator("#chart-daily-income .uplot")).ToHaveCountAsync(1);

        // A second flattr of the same thing in the same month is refused with a clear message.
        await popup.CloseAsync();
        var again = await post.RunAndWaitForPopupAsync(() => button.Locator("#flattr").ClickAsync());
        await Expect(again.Locator("#outcome")).ToHaveAttributeAsync("data-code", "flattr_once");
        await Expect(again.Locator("#outcome")).ToContainTextAsync("already flattred this thing this month");
        await Expect(again.Locator("#confirm")).ToHaveCountAsync(0);
        await Expect(button.Locator("#count")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task An_unregistered_post_becomes_a_thing_on_its_first_flattr_from_the_blog()
    {
        var creator = await app.CreateUserAsync("autoblogger");
        var giver = await app.CreateUserAsync("autoreader", depositCents: 2000);
        var newPostUrl = "https://blog.example.org/posts/new-" + Guid.NewGuid().ToString("N");
        await using var blog = await BlogSite.StartAsync(new Dictionary<string, string>
        {
            ["/post"] = BlogPages.WithButtons(app.BaseUri, creator.Username, "https://blog.example.org/elsewhere", newPostUrl),
        });
        await using var context = await browser.NewContextAsync();
        await BrowserSteps.SignInAsync(context, app, giver);
        var post = await context.NewPageAsync();
        await post.GotoAsync(new Uri(blog.BaseUri, "/post").ToString());
        var button = post.FrameLocator("iframe.FlattrButton >> nth=1");
        await Expect(button.Locator("#count")).ToHaveTextAsync("0");
        Assert.Null(await app.Grains.GetThingRegistry().LookupByUrl(newPostUrl));

        var popup = await post.RunAndWaitForPopupAsync(() => button.Locator("#flattr").ClickAsync());
        await popup.ClickAsync("#confirm");
        await Expect(popup.Locator("#outcome")).ToHaveAttributeAsync("data-type", "flattr:done");
        await Expect(button.Locator("#count")).ToHaveTextAsync("1");

        var created = await app.Grains.GetThingRegistry().LookupByUrl(newPostUrl);
        Assert.NotNull(created);
        var info = await app.Grains.GetThing(created.Value).GetInfo();
        Assert.Equal(creator.Id, info.OwnerId);
        Assert.Equal("A brand new post", info.Title);
    }

    [Fact]
    public async Task A_page_of_another_origin_cannot_frame_the_sign_in_or_wallet_pages_but_can_frame_the_button()
    {
        var creator = await app.CreateUserAsync("framed");
        var url = "https://blog.example.org/framed-" + Guid.NewGuid().ToString("N");
        await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission(url, "A framed thing"));
        await using var site = await BlogSite.StartAsync(new Dictionary<string, string> { ["/frames"] = BlogPages.FramingFlattrPages(app.BaseUri, url) });
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(site.BaseUri, "/frames").ToString());

        await Expect(page.FrameLocator("#button").Locator("#flattr")).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);

        // Chromium replaces a frame refused by frame-ancestors with its error page.
        var refused = 0;
        for (var attempt = 0; attempt < 50 && refused < 2; attempt++)
        {
            refused = page.Frames.Count(f => f.Url.StartsWith("chrome-error:", StringComparison.Ordinal));
            await Task.Delay(100);
        }

        Assert.Equal(2, refused);
        Assert.Equal(0, await page.FrameLocator("#signin").Locator("#Login").CountAsync());
        Assert.Equal(0, await page.FrameLocator("#wallet").Locator("form").CountAsync());
        await Screenshots.SaveAsync(page, "framing-refused", output);
    }
}
