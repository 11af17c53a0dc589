using System.Text.RegularExpressions;
using Flattr.Things;
using Flattr.Web.Tests.EndToEnd;
using Flattr.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Flattr.Web.Tests.Button;

/// <summary>
/// The button remembers, after a reload, that its reader already flattred the thing, where the browser lets the frame know
/// the reader: here the blog is on the same site as Flattr (127.0.0.1, another port), so Flattr's cookies reach the frame.
/// On another site the reader cookie (SameSite=None) does the same in browsers that send third-party cookies, and where
/// they are blocked (as in the test's Chromium) once the reader's click granted the frame storage access: StorageAccessTests.
/// </summary>
[Collection(FlattrAppCollection.Name)]
public sealed partial class RememberedFlattrTests(FlattrApp app, Browser browser)
{
    [Fact]
    public async Task After_reloading_the_blog_the_button_shows_the_readers_flattr_and_another_reader_sees_the_plain_button()
    {
        var creator = await app.CreateUserAsync("remembered");
        var postUrl = "https://blog.example.org/posts/" + Guid.NewGuid().ToString("N");
        await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission(postUrl, "A post worth flattring", Category: "text"));
        await using var blog = await BlogSite.StartAsync(new Dictionary<string, string>
        {
            ["/post"] = BlogPages.WithButtons(app.BaseUri, creator.Username, postUrl, "https://blog.example.org/posts/new-" + Guid.NewGuid().ToString("N")),
        });
        var blogUrl = new UriBuilder(new Uri(blog.BaseUri, "/post")) { Host = "127.0.0.1" }.Uri.ToString();
        var giver = await app.CreateUserAsync("rememberer", depositCents: 2000);
        await using var context = await browser.NewContextAsync();
        await BrowserSteps.SignInAsync(context, app, giver);
        var post = await context.NewPageAsync();
        await post.GotoAsync(blogUrl);
        var button = post.FrameLocator("iframe.FlattrButton >> nth=0");
        await Expect(button.Locator("#flattr")).ToHaveAttributeAsync("data-flattred", "false");
        var popup = await post.RunAndWaitForPopupAsync(() => button.Locator("#flattr").ClickAsync());
        await popup.ClickAsync("#confirm");
        await Expect(button.Locator("#count")).ToHaveTextAsync("1");

        await post.ReloadAsync();

        await Expect(button.Locator("#flattr")).ToHaveAttributeAsync("data-flattred", "true");
        await Expect(button.Locator("#flattr")).ToHaveClassAsync(Done());
        await Expect(button.Locator("#count")).ToHaveTextAsync("1");

        await using var stranger = await browser.NewContextAsync();
        var theirs = await stranger.NewPageAsync();
        await theirs.GotoAsync(blogUrl);
        var theirButton = theirs.FrameLocator("iframe.FlattrButton >> nth=0");
        await Expect(theirButton.Locator("#count")).ToHaveTextAsync("1");
        await Expect(theirButton.Locator("#flattr")).ToHaveAttributeAsync("data-flattred", "false");
    }

    [Fact]
    public async Task A_signed_in_reader_on_flattr_gets_the_reader_cookie_for_button_frames_only_and_signing_out_clears_it()
    {
        var creator = await app.CreateUserAsync("cookied");
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission($"https://cookie.example.org/{Guid.NewGuid():N}", "A thing for the cookie"));
        var reader = await app.CreateUserAsync("cookiereader");
        await using var context = await browser.NewContextAsync();
        var page = await BrowserSteps.SignInAsync(context, app, reader);
        var response = await page.GotoAsync(new Uri(app.BaseUri, "/things/" + thing.Id).ToString());
        var setCookie = (await response!.HeadersArrayAsync()).Where(h => h.Name.Equals("set-cookie", StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Value).Single(v => v.StartsWith("flattr.reader=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("path=/button", setCookie, StringComparison.Ordinal);
        Assert.Contains("samesite=none", setCookie, StringComparison.Ordinal);
        Assert.Contains("secure", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.Ordinal);

        await page.ClickAsync("form[action='/signout'] button");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "flattr.reader");
    }

    [GeneratedRegex(@"\bdone\b")]
    private static partial Regex Done();
}
