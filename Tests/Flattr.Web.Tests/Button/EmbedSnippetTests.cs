using System.Net;
using Flattr.Things;
using Flattr.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Flattr.Web.Tests.Button;

/// <summary>
/// The embed snippets on a thing's page: labelled, whole, copyable, and safe to paste. The title comes from whoever first
/// flattred an auto-submit link, so the test's thing has a hostile one.
/// </summary>
[Collection(FlattrAppCollection.Name)]
public sealed class EmbedSnippetTests(FlattrApp app, Browser browser, ITestOutputHelper output)
{
    const string HostileTitle = "\"><script>window.pwned=1</script><img src=x onerror=window.pwned=2>'</textarea> `${1}` ü";

    static readonly string[] Boxes = ["#snippet-button", "#snippet-badge", "#snippet-markdown", "#snippet-payment", "#snippet-autosubmit"];

    [Fact]
    public async Task Every_snippet_of_a_thing_with_a_hostile_title_pasted_into_a_page_runs_no_script_and_keeps_the_title_as_text()
    {
        var creator = await app.CreateUserAsync("hostile");
        var url = "https://hostile.example.org/post?a=1&b=2&id=" + Guid.NewGuid().ToString("N");
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission(url, HostileTitle, Category: "text"));
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseUri, "/things/" + thing.Id).ToString());
        var snippets = new List<string>();
        foreach (var box in Boxes)
        {
            snippets.Add(await page.Locator(box).InputValueAsync());
        }

        // Pasted as a creator would: the HTML ones into the page, the URL into a link, the Markdown as text.
        var html = $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>A creator's site</title></head><body>
            <h1>My post</h1>
            {snippets[0]}
            <p>{snippets[1]}</p>
            <p>{snippets[2]}</p>
            {snippets[3]}
            <p><a id="auto" href="{snippets[4]}">Flattr</a></p>
            </body></html>
            """;
        output.WriteLine(html);
        await using var site = await BlogSite.StartAsync(new Dictionary<string, string> { ["/post"] = html });
        var blog = await context.NewPageAsync();
        var dialogs = 0;
        blog.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await blog.GotoAsync(new Uri(site.BaseUri, "/post").ToString());
        await Expect(blog.FrameLocator("iframe.FlattrButton").Locator("#flattr")).ToBeVisibleAsync();
        await blog.HoverAsync("img");
        await blog.WaitForLoadStateAsync(LoadState.Load);

        Assert.Equal("undefined", await blog.EvaluateAsync<string>("() => typeof window.pwned"));
        Assert.Equal(0, dialogs);
        Assert.Equal(0, await blog.Locator("script:not([src])").CountAsync());
        Assert.Equal(1, await blog.Locator("script").CountAsync());
        Assert.Equal(0, await blog.Locator("svg, img[src=x]").CountAsync());
        // The button's frame got the title back as the text it is.
        var frameSrc = await blog.Locator("iframe.FlattrButton").GetAttributeAsync("src");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(frameSrc!).Query);
        Assert.Equal(HostileTitle, query["title"].ToString());
        Assert.Equal(thing.Url, query["url"].ToString());
        // The auto-submit link and rel=payment carry the title URL-encoded, decoded to the same text.
        var auto = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(await blog.Locator("#auto").GetAttributeAsync("href") ?? "").Query);
        Assert.Equal(HostileTitle, auto["title"].ToString());
        var payment = await blog.Locator("link[rel=payment]").GetAttributeAsync("href");
        Assert.Equal(HostileTitle, Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(payment!).Query)["title"].ToString());
        Assert.Contains(WebUtility.HtmlEncode("<script>"), snippets[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_snippet_box_is_labelled_shown_whole_and_copied_by_its_copy_button()
    {
        var creator = await app.CreateUserAsync("snippets");
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission(
            "https://snippets.example.org/" + Guid.NewGuid().ToString("N") + "/a/rather/long/address/that/wraps", "A thing to embed", Tags: ["one", "two"]));
        await using var context = await browser.NewContextAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = app.BaseUri.ToString().TrimEnd('/') });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseUri, "/things/" + thing.Id).ToString());

        foreach (var box in Boxes)
        {
            var textarea = page.Locator(box);
            var id = box[1..];
            await Expect(page.Locator($"label[for={id}]")).ToBeVisibleAsync();
            // Nothing is cut off: the box is as tall as its text (no inner scrolling).
            var clipped = await textarea.EvaluateAsync<bool>("t => t.scrollHeight > t.clientHeight + 1 || t.scrollWidth > t.clientWidth + 1");
            Assert.False(clipped, box + " hides part of its snippet");
            await page.Locator($"button[data-copy={id}]").ClickAsync();
            await Expect(page.Locator($"button[data-copy={id}]")).ToHaveTextAsync("Copied");
            Assert.Equal(await textarea.InputValueAsync(), await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        }

        await Screenshots.SaveAsync(page, "embed-snippets", output);
    }
}
