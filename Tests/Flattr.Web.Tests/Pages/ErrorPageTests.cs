using System.Net;
using System.Text.RegularExpressions;
using Flattr.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Flattr.Web.Tests.Pages;

/// <summary>
/// Every error status a person can meet is a page of the site, in their language, with a way back; the API and the
/// button's JSON endpoints keep their JSON bodies. Its own app with a tight sign-in limit, so the shared app never throttles.
/// </summary>
public sealed partial class ErrorPageTests : IAsyncLifetime
{
    readonly FlattrApp _app = new();
    readonly Browser _browser = new();

    public async Task InitializeAsync()
    {
        _app.Settings["Flattr:Web:SignInAttemptsPerMinute"] = "2";
        await _app.InitializeAsync();
        // This class starts an app of its own for each test: its first page (Razor views, antiforgery's first key, Orleans'
        // first activations) is served here, so that on a loaded machine the browser's first navigation does not wait
        // for the app's cold start (twice it took the whole 30 s navigation timeout in a full run on 2 cores).
        using (var client = _app.CreateClient())
        {
            using var warm = new HttpRequestMessage(HttpMethod.Get, "/no/such/page");
            warm.Headers.Accept.ParseAdd("text/html");
            using var response = await client.SendAsync(warm);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        await _browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("fr-FR", "Un peu de patience", "Veuillez réessayer dans", "(seconde|minute)")]
    [InlineData("de-DE", "Etwas langsamer, bitte", "Bitte versuche es in", "(Sekunde|Minute)")]
    public async Task A_browser_over_the_sign_in_limit_gets_a_page_of_the_site_in_its_language_with_the_wait_in_words_and_a_way_back(
        string locale, string title, string retry, string unit)
    {
        await using var context = await _browser.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        // The limit counts per clock minute (shared by every node): begin early in one, so that all the attempts share a window.
        if (DateTime.UtcNow.Second >= 40)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTime.UtcNow.Second));
        }

        IResponse? last = null;
        for (var i = 0; i < 3; i++)
        {
            await page.GotoAsync(new Uri(_app.BaseUri, "/signin").ToString());
            await page.FillAsync("#Login", "nobody_" + i);
            await page.FillAsync("#Password", "wrong password");
            last = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit].btn"),
                r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/signin");
        }

        Assert.Equal((int)HttpStatusCode.TooManyRequests, last!.Status);
        Assert.NotNull(await last.HeaderValueAsync("retry-after"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await Expect(page.Locator("header.topbar")).ToBeVisibleAsync();
        await Expect(page.Locator("#retry-after")).ToContainTextAsync(new Regex(Regex.Escape(retry) + @" \d+ " + unit));
        await Expect(page.Locator("#back")).ToHaveAttributeAsync("href", "/signin");
        await page.ClickAsync("#back");
        await Expect(page.Locator("#Login")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("en-GB", "Page not found", "Not possible here", "Flattr could not read that")]
    [InlineData("fr-FR", "Page introuvable", "Impossible ici", "Demande incompréhensible")]
    [InlineData("de-DE", "Seite nicht gefunden", "Hier nicht möglich", "Ungültige Anfrage")]
    public async Task Not_found_wrong_method_and_bad_request_are_pages_of_the_site_in_the_browsers_language(
        string locale, string notFound, string method, string badRequest)
    {
        await using var context = await _browser.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        page.SetDefaultNavigationTimeout(90_000);
        var missing = await page.GotoAsync(new Uri(_app.BaseUri, "/no/such/page").ToString());
        Assert.Equal(404, missing!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync(notFound);

        var headers = new Dictionary<string, string> { ["Accept"] = "text/html", ["Accept-Language"] = locale };
        var put = await page.APIRequest.DeleteAsync(new Uri(_app.BaseUri, "/button.js").ToString(), new APIRequestContextOptions { Headers = headers });
        Assert.Equal(405, put.Status);
        Assert.Contains("<h1>" + method + "</h1>", WebUtility.HtmlDecode(await put.TextAsync()), StringComparison.Ordinal);
        Assert.Contains("class=\"topbar\"", await put.TextAsync(), StringComparison.Ordinal);

        // A form post without its antiforgery token.
        var post = await page.APIRequest.PostAsync(new Uri(_app.BaseUri, "/signup").ToString(), new APIRequestContextOptions
        {
            Headers = headers, Form = page.APIRequest.CreateFormData().Set("Username", "x").Set("Password", "y"),
        });
        Assert.Equal(400, post.Status);
        Assert.Contains("<h1>" + badRequest + "</h1>", WebUtility.HtmlDecode(await post.TextAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_and_the_buttons_json_endpoints_keep_their_json_error_bodies()
    {
        using var client = _app.CreateClient();
        using var flattr = new HttpRequestMessage(HttpMethod.Post, "/things/1/flattr");
        flattr.Headers.Accept.ParseAdd("application/json");
        using var refused = await client.SendAsync(flattr);
        Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var api = new HttpRequestMessage(HttpMethod.Get, "/rest/v2/things/987654321");
        api.Headers.Accept.ParseAdd("text/html,application/json");
        using var missing = await client.SendAsync(api);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/json", missing.Content.Headers.ContentType?.MediaType);

        using var count = new HttpRequestMessage(HttpMethod.Get, "/things/987654321/count.json");
        count.Headers.Accept.ParseAdd("text/html,*/*");
        using var noCount = await client.SendAsync(count);
        Assert.Equal(HttpStatusCode.NotFound, noCount.StatusCode);
        Assert.Equal("application/json", noCount.Content.Headers.ContentType?.MediaType);
    }
}
