using System.Net;
using System.Text.RegularExpressions;
using Flattr.Things;
using Flattr.Web.Button;
using Flattr.Web.Tests.EndToEnd;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Flattr.Web.Tests.Button;

/// <summary>
/// The button on another site remembers its reader's flattr where the browser blocks third-party cookies, through the
/// Storage Access API: asked on the reader's click, never without one. The blog is on <c>localhost</c>, Flattr on
/// <c>127.0.0.1</c>: two sites. The test's Chromium contexts are off-the-record profiles, which block third-party cookies
/// (each test checks it: the frame first has no storage access); a spy wrapped around
/// <c>document.requestStorageAccess</c> records each call and whether it came with the reader's gesture.
/// </summary>
[Collection(FlattrAppCollection.Name)]
public sealed partial class StorageAccessTests(FlattrApp app, Browser browser)
{
    const string Spy = """
        (() => {
          const asked = window.__storageAccessAsked = [];
          const request = Document.prototype.requestStorageAccess;
          if (!request) { return; }
          Document.prototype.requestStorageAccess = function () {
            asked.push(navigator.userActivation.isActive);
            return request.apply(this, arguments);
          };
        })();
        """;

    [Fact]
    public async Task With_third_party_cookies_blocked_the_readers_click_gets_storage_access_and_the_reloaded_blog_shows_the_flattr()
    {
        var (thing, postUrl, creator) = await RegisterAsync("granted");
        await using var blog = await StartBlogAsync(creator, postUrl);
        var giver = await app.CreateUserAsync("granting", depositCents: 2000);
        await using var context = await browser.NewContextAsync();
        await context.AddInitScriptAsync(Spy);
        await BrowserSteps.SignInAsync(context, app, giver);
        var post = await context.NewPageAsync();
        await post.GotoAsync(new Uri(blog.BaseUri, "/post").ToString());
        var button = post.FrameLocator("iframe.FlattrButton >> nth=0");
        await Expect(post.Locator("iframe.FlattrButton").First).ToHaveAttributeAsync("allow", "storage-access");
        await Expect(post.Locator("iframe.FlattrButton[sandbox]")).ToHaveCountAsync(0);
        await Expect(button.Locator("html")).ToHaveAttributeAsync("data-storage-access", "waiting");
        var frame = await ButtonFrameAsync(post);
        Assert.False(await frame.EvaluateAsync<bool>("() => document.hasStorageAccess()"));
        await Expect(button.Locator("#flattr")).ToHaveAttributeAsync("data-flattred", "false");

        // The reader will answer "Allow" when the browser asks; until the click, the frame asks nothing.
        await StorageAccessPrompt.AllowAsync(browser, post, blog.BaseUri, app.BaseUri);
        Assert.Empty(await frame.EvaluateAsync<bool[]>("() => window.__storageAccessAsked"));
        var popup = await post.RunAndWaitForPopupAsync(() => button.Locator("#flattr").ClickAsync());
        await Expect(button.Locator("html")).ToHaveAttributeAsync("data-storage-access", "granted");
        Assert.True(Assert.Single(await frame.EvaluateAsync<bool[]>("() => window.__storageAccessAsked")));
        await popup.ClickAsync("#confirm");
        await Expect(button.Locator("#count")).ToHaveTextAsync("1");
        Assert.True(await app.Grains.WalletNow(giver.Id, Time).HasFlattred(thing.Id));

        await post.ReloadAsync();

        await Expect(button.Locator("#flattr")).ToHaveAttributeAsync("data-flattred", "true");
        await Expect(button.Locator("#flattr")).ToHaveClassAsync(Done());
        await Expect(button.Locator("#count")).ToHaveTextAsync("1");
        // Chromium sent the reader cookie with the reloaded frame itself (storage access headers): no script had to ask.
        await Expect(button.Locator("html")).ToHaveAttributeAsync("data-storage-access", "known");
    }

    [Fact]
    public async Task Where_the_frame_itself_comes_without_cookies_a_visit_after_the_readers_grant_asks_again_without_a_click_and_shows_the_flattr()
    {
        var (thing, postUrl, creator) = await RegisterAsync("regranted");
        await using var blog = await StartBlogAsync(creator, postUrl);
        var giver = await app.CreateUserAsync("returning", depositCents: 2000);
        await app.Grains.WalletNow(giver.Id, Time).Flattr(thing.Id, anonymous: false);
        await using var context = await browser.NewContextAsync();
        await context.AddInitScriptAsync(Spy);
        var flattr = await BrowserSteps.SignInAsync(context, app, giver);
        await flattr.GotoAsync(new Uri(app.BaseUri, "/things/" + thing.Id).ToString());
        // As in a browser without Chromium's storage access headers (Firefox, Safari): the frame's own request carries no
        // cookie and does not say it could, so the frame comes without its reader. (Playwright fetches it for the browser:
        // its headers less that one, and an empty cookie header, else Playwright would add the profile's cookies.)
        await context.RouteAsync("**/button/view?**", async route =>
        {
            var headers = route.Request.Headers.Where(h => !h.Key.Equals(StorageAccessHeaders.RequestHeader, StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key, h => h.Value);
            headers["cookie"] = string.Empty;
            await route.FulfillAsync(new RouteFulfillOptions { Response = await route.FetchAsync(new RouteFetchOptions { Headers = headers }) });
        });
        var post = await context.NewPageAsync();
        // The reader allowed Flattr's frames on this blog on an earlier visit.
        await StorageAccessPrompt.AllowAsync(browser, post, blog.BaseUri, app.BaseUri);

        await post.GotoAsync(new Uri(blog.BaseUri, "/post").ToString());

        var button = post.FrameLocator("iframe.FlattrButton >> nth=0");
        await Expect(button.Locator("html")).ToHaveAttributeAsync("data-storage-access", "granted");
        await Expect(button.Locator("#flattr")).ToHaveAttributeAsync("data-flattred", "true");
        await Expect(button.Locator("#count")).ToHaveTextAsync("1");
        var frame = await ButtonFrameAsync(post);
        Assert.False(Assert.Single(await frame.EvaluateAsync<bool[]>("() => window.__storageAccessAsked")));
    }

    [Fact]
    public async Task Without_a_click_the_frame_asks_for_no_storage_access_and_shows_the_count_and_the_readers_click_then_shows_their_flattr()
    {
        var (thing, postUrl, creator) = await RegisterAsync("ungranted");
        await using var blog = await StartBlogAsync(creator, postUrl);
        var giver = await app.CreateUserAsync("earlier", depositCents: 2000);
        await app.Grains.WalletNow(giver.Id, Time).Flattr(thing.Id, anonymous: false);
        await using var context = await browser.NewContextAsync();
        await context.AddInitScriptAsync(Spy);
        // Signed in on Flattr, and on the thing's page there: the browser holds the reader cookie.
        var flattr = await BrowserSteps.SignInAsync(context, app, giver);
        await flattr.GotoAsync(new Uri(app.BaseUri, "/things/" + thing.Id).ToString());
        Assert.Contains(await context.CookiesAsync(), c => c.Name == ReaderCookie.Name);
        var post = await context.NewPageAsync();
        await post.GotoAsync(new Uri(blog.BaseUri, "/post").ToString());
        var button = post.FrameLocator("iframe.FlattrButton >> nth=0");

        await Expect(button.Locator("html")).ToHaveAttributeAsync("data-storage-access", "waiting");
        await Expect(button.Locator("#count")).ToHaveTextAsync("1");
        await Expect(button.Locator("#flattr")).ToHaveAttributeAsync("data-flattred", "false");
        var frame = await ButtonFrameAsync(post);
        Assert.False(await frame.EvaluateAsync<bool>("() => document.hasStorageAccess()"));
        Assert.Empty(await frame.EvaluateAsync<bool[]>("() => window.__storageAccessAsked"));

        // The click asks; the frame learns from Flattr that its reader flattred (the window, which would say so too, is kept
        // from loading).
        await StorageAccessPrompt.AllowAsync(browser, post, blog.BaseUri, app.BaseUri);
        await context.RouteAsync("**/button/confirm**", route => route.AbortAsync());
        await button.Locator("#flattr").ClickAsync();
        await Expect(button.Locator("html")).ToHaveAttributeAsync("data-storage-access", "granted");
        await Expect(button.Locator("#flattr")).ToHaveAttributeAsync("data-flattred", "true");
        Assert.True(Assert.Single(await frame.EvaluateAsync<bool[]>("() => window.__storageAccessAsked")));
    }

    [Fact]
    public async Task A_frame_request_the_browser_marks_inactive_is_asked_to_retry_with_cookies_only_for_a_plain_origin()
    {
        var (thing, _, _) = await RegisterAsync("headers");
        using var http = app.CreateClient();
        var path = "/button/view?thing=" + thing.Id;

        using var inactive = await SendAsync(http, path, "inactive", "http://localhost:8123");
        Assert.Equal(HttpStatusCode.OK, inactive.StatusCode);
        Assert.Equal("retry; allowed-origin=\"http://localhost:8123\"", Single(inactive, StorageAccessHeaders.ResponseHeader));
        Assert.Contains(StorageAccessHeaders.RequestHeader, inactive.Headers.Vary);

        using var active = await SendAsync(http, path, "active", "http://localhost:8123");
        Assert.Equal("load", Single(active, StorageAccessHeaders.ResponseHeader));

        foreach (var hostile in new[] { "null", "http://localhost:8123/path", "http://a\",b=\"c", "javascript:alert(1)", "" })
        {
            using var refused = await SendAsync(http, path, "inactive", hostile);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.False(refused.Headers.Contains(StorageAccessHeaders.ResponseHeader), hostile);
        }

        using var none = await SendAsync(http, path, "none", "http://localhost:8123");
        Assert.False(none.Headers.Contains(StorageAccessHeaders.ResponseHeader));
    }

    [Fact]
    public async Task The_frames_question_answers_for_the_reader_cookie_only_is_never_cached_or_shared_and_an_unknown_thing_is_404()
    {
        var (thing, _, _) = await RegisterAsync("question");
        var giver = await app.CreateUserAsync("asked", depositCents: 2000);
        await app.Grains.WalletNow(giver.Id, Time).Flattr(thing.Id, anonymous: false);
        var other = await app.CreateUserAsync("notasked");
        using var http = app.CreateClient();

        Assert.True(await FlattredAsync(http, thing.Id, await ReaderCookieAsync(giver, thing.Id)));
        Assert.False(await FlattredAsync(http, thing.Id, await ReaderCookieAsync(other, thing.Id)));
        Assert.False(await FlattredAsync(http, thing.Id, null));
        Assert.False(await FlattredAsync(http, thing.Id, ReaderCookie.Name + "=forged"));

        using var unknown = await http.GetAsync("/button/flattred?thing=999999999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var missing = await http.GetAsync("/button/flattred");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var malformed = await http.GetAsync("/button/flattred?thing=abc");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    static TimeProvider Time => TimeProvider.System;

    async Task<(ThingInfo Thing, string PostUrl, TestUser Creator)> RegisterAsync(string prefix)
    {
        var creator = await app.CreateUserAsync(prefix);
        var postUrl = "https://blog.example.org/posts/" + Guid.NewGuid().ToString("N");
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission(postUrl, "A post worth flattring", Category: "text"));
        return (thing, postUrl, creator);
    }

    /// <summary>The blog on <c>localhost</c>: another site than Flattr's <c>127.0.0.1</c>.</summary>
    Task<BlogSite> StartBlogAsync(TestUser creator, string postUrl) =>
        BlogSite.StartAsync(new Dictionary<string, string>
        {
            ["/post"] = BlogPages.WithButtons(app.BaseUri, creator.Username, postUrl, "https://blog.example.org/posts/new-" + Guid.NewGuid().ToString("N")),
        });

    static async Task<IFrame> ButtonFrameAsync(IPage page)
    {
        var element = await page.Locator("iframe.FlattrButton").First.ElementHandleAsync();
        return (await element.ContentFrameAsync())!;
    }

    static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string storageAccess, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(StorageAccessHeaders.RequestHeader, storageAccess);
        request.Headers.TryAddWithoutValidation("Origin", origin);
        return await http.SendAsync(request);
    }

    static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);

    /// <summary>The reader cookie Flattr sets (Secure: the client keeps none over http, so it is read and sent by hand).</summary>
    async Task<string> ReaderCookieAsync(TestUser user, long thingId)
    {
        using var signedIn = await SignedInClient.SignInAsync(app, user);
        using var response = await signedIn.Http.GetAsync("/things/" + thingId);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(v => v.StartsWith(ReaderCookie.Name + "=", StringComparison.Ordinal));
        return setCookie.Split(';')[0];
    }

    static async Task<bool> FlattredAsync(HttpClient http, long thingId, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/button/flattred?thing=" + thingId);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("same-origin", Single(response, "Cross-Origin-Resource-Policy"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        var state = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync(response.Content, Flattr.Web.Hosting.WebJsonContext.Default.ReaderFlattr);
        Assert.Equal(thingId, state!.ThingId);
        return state.Flattred;
    }

    [GeneratedRegex(@"\bdone\b")]
    private static partial Regex Done();
}
