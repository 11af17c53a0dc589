using Flattr.Things;
using Flattr.Web.Tests.EndToEnd;
using Flattr.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Flattr.Web.Tests.Button;

/// <summary>The confirmation window opened by a button on another site: it reports, thanks, closes, and can be closed.</summary>
[Collection(FlattrAppCollection.Name)]
public sealed class ConfirmWindowTests(FlattrApp app, Browser browser)
{
    [Fact]
    public async Task After_a_flattr_the_window_says_thanks_closes_itself_and_the_button_on_the_blog_shows_the_flattr_at_once()
    {
        var (blogUrl, blog) = await BlogWithButtonAsync("closer");
        await using var _ = blog;
        var giver = await app.CreateUserAsync("closerfan", depositCents: 2000);
        await using var context = await browser.NewContextAsync();
        await BrowserSteps.SignInAsync(context, app, giver);
        var post = await context.NewPageAsync();
        await post.GotoAsync(blogUrl);
        var button = post.FrameLocator("iframe.FlattrButton >> nth=0");
        await Expect(button.Locator("#count")).ToHaveTextAsync("0");

        var popup = await post.RunAndWaitForPopupAsync(() => button.Locator("#flattr").ClickAsync());
        var closed = Closed(popup);
        await Expect(popup.Locator("#close")).ToBeVisibleAsync();
        await popup.ClickAsync("#confirm");
        await Expect(popup.Locator("#outcome")).ToContainTextAsync("Thank");
        await Expect(popup.Locator("#closing")).ToBeVisibleAsync();
        await Expect(button.Locator("#count")).ToHaveTextAsync("1");
        await Expect(button.Locator("#flattr")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bdone\b"));

        await closed;
        Assert.True(popup.IsClosed);
    }

    [Fact]
    public async Task The_close_button_closes_the_window_and_nothing_is_flattred()
    {
        var (blogUrl, blog) = await BlogWithButtonAsync("closebutton");
        await using var _ = blog;
        var giver = await app.CreateUserAsync("closebuttonfan", depositCents: 2000);
        await using var context = await browser.NewContextAsync();
        await BrowserSteps.SignInAsync(context, app, giver);
        var post = await context.NewPageAsync();
        await post.GotoAsync(blogUrl);
        var button = post.FrameLocator("iframe.FlattrButton >> nth=0");

        var popup = await post.RunAndWaitForPopupAsync(() => button.Locator("#flattr").ClickAsync());
        var closed = Closed(popup);
        await popup.ClickAsync("#close");
        await closed;

        Assert.True(popup.IsClosed);
        await Expect(button.Locator("#count")).ToHaveTextAsync("0");
        await Expect(button.Locator("#flattr")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bdone\b"));
    }

    /// <summary>Completes when the window closes (bounded, so that a window that never closes fails the test instead of hanging it).</summary>
    static Task Closed(Microsoft.Playwright.IPage popup)
    {
        var closed = new TaskCompletionSource();
        popup.Close += (_, _) => closed.TrySetResult();
        return closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    async Task<(string Url, BlogSite Blog)> BlogWithButtonAsync(string prefix)
    {
        var creator = await app.CreateUserAsync(prefix);
        var postUrl = "https://blog.example.org/posts/" + Guid.NewGuid().ToString("N");
        await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission(postUrl, "A post worth flattring", Category: "text"));
        var blog = await BlogSite.StartAsync(new Dictionary<string, string>
        {
            ["/post"] = BlogPages.WithButtons(app.BaseUri, creator.Username, postUrl, "https://blog.example.org/posts/new-" + Guid.NewGuid().ToString("N")),
        });
        return (new Uri(blog.BaseUri, "/post").ToString(), blog);
    }
}
