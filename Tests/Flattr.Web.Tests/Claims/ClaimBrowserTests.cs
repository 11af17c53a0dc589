using Flattr.Things;
using Flattr.Web.Localization;
using Flattr.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Microsoft.Playwright.Assertions;

namespace Flattr.Web.Tests.Claims;

/// <summary>The real owner of a page that someone else registered claims it in Chromium, from the refused registration on.</summary>
[Collection(FlattrAppCollection.Name)]
public sealed class ClaimBrowserTests(FlattrApp app, Browser browser)
{
    [Fact]
    public async Task The_author_registers_their_taken_page_follows_the_claim_button_and_the_thing_becomes_theirs()
    {
        var squatter = await app.CreateUserAsync("squatter");
        var author = await app.CreateUserAsync("author");
        await using var blog = await BlogSite.StartAsync(site => site.MapGet("/my-post", () => Results.Content(
            $"""<!DOCTYPE html><html><head><title>My post</title><meta name="flattr:owner" content="{author.Username}"></head><body>Words.</body></html>""",
            "text/html; charset=utf-8")));
        var url = new Uri(blog.BaseUri, "/my-post").ToString();
        var thing = await app.Grains.GetThingRegistry().Register(squatter.Id, new ThingSubmission(url, "Registered by someone else"));
        await using var context = await browser.NewContextAsync();
        var page = await BrowserSteps.SignInAsync(context, app, author, "/things/new");

        await page.FillAsync("#Url", url);
        await page.FillAsync("#Title", "My own post");
        await page.ClickAsync("form button[type=submit].btn");
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync(Texts.English.ErrorUrlTaken);
        await Expect(page.Locator("#existing-thing")).ToHaveAttributeAsync("href", $"/things/{thing.Id}");
        await page.ClickAsync("#claim-existing");
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == $"/things/{thing.Id}/claim");
        await Expect(page.Locator("#current-owner")).ToContainTextAsync(squatter.Username);
        await page.ClickAsync("#claim-button");

        await Expect(page.Locator("#notice")).ToHaveTextAsync(Texts.English.ClaimDone);
        await page.ClickAsync("#to-thing");
        await Expect(page.Locator($"a[href='/profile/{author.Username}']")).ToBeVisibleAsync();
        Assert.Equal(author.Id, (await app.Grains.GetThing(thing.Id).GetInfo()).OwnerId);
    }
}
