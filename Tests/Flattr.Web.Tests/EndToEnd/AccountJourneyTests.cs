using System.Text.RegularExpressions;
using Flattr.Things;
using Flattr.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Flattr.Web.Tests.EndToEnd;

/// <summary>A newcomer signs up, confirms the e-mail from the development outbox, tops up, sets a budget and registers a thing.</summary>
[Collection(FlattrAppCollection.Name)]
public sealed partial class AccountJourneyTests(FlattrApp app, Browser browser, ITestOutputHelper output)
{
    [Fact]
    public async Task A_newcomer_signs_up_verifies_tops_up_sets_a_budget_and_registers_a_thing()
    {
        var username = "newcomer_" + Guid.NewGuid().ToString("N")[..8];
        var email = username + "@example.org";
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUri.ToString());
        await Screenshots.SaveAsync(page, "home", output);

        await page.GotoAsync(new Uri(app.BaseUri, "/signup").ToString());
        await page.FillAsync("#Username", username);
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", FlattrApp.Password);
        await Screenshots.SaveAsync(page, "signup", output);
        await page.ClickAsync("button[type=submit].btn");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Check your inbox");

        // Signing in before confirming is refused.
        await page.GotoAsync(new Uri(app.BaseUri, "/signin").ToString());
        await page.FillAsync("#Login", username);
        await page.FillAsync("#Password", FlattrApp.Password);
        await page.ClickAsync("button[type=submit].btn");
        await Expect(page.Locator(".notice.error")).ToContainTextAsync("confirm your e-mail");

        await page.GotoAsync(new Uri(app.BaseUri, "/dev/outbox").ToString());
        var mail = await page.Locator($".outbox-mail[data-to='{email}'] .mail").First.TextContentAsync();
        var link = VerificationLink().Match(mail!).Value;
        Assert.StartsWith(app.BaseUri.ToString(), link, StringComparison.Ordinal);
        await page.GotoAsync(link);
        await Expect(page.Locator(".notice").First).ToContainTextAsync("confirmed");

        await page.GotoAsync(new Uri(app.BaseUri, "/signin").ToString());
        await page.FillAsync("#Login", email);
        await page.FillAsync("#Password", FlattrApp.Password);
        await page.ClickAsync("button[type=submit].btn");
        await page.WaitForURLAsync("**/me");

        await page.FillAsync("input[name=amount]", "20");
        await page.ClickAsync("form[action*=TopUp] button");
        await Expect(page.Locator("#notice")).ToContainTextAsync("€18.00 added");
        await page.SelectOptionAsync("select[name=amountCents]", "500");
        await page.ClickAsync("form[action*=Budget] button");
        await Expect(page.Locator("#budget")).ToHaveTextAsync("€5.00");
        await Expect(page.Locator("#balance")).ToHaveTextAsync("€18.00");

        var creator = await app.CreateUserAsync("liked");
        var liked = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission($"https://liked.example.org/{Guid.NewGuid():N}", "Something the newcomer likes"));
        await page.GotoAsync(new Uri(app.BaseUri, $"/things/{liked.Id}").ToString());
        await BrowserSteps.WaitForLiveAsync(page);
        await page.ClickAsync("#flattr-here");
        await Expect(page.Locator("[data-count=total]")).ToHaveTextAsync("1");
        await Screenshots.SaveAsync(page, "thing-page", output);
        await page.GotoAsync(new Uri(app.BaseUri, "/me").ToString());
        await Expect(page.Locator("#my-clicks tr[data-thing]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#click-value")).ToHaveTextAsync("€5.00");
        await Screenshots.SaveAsync(page, "giver-month", output);

        await page.GotoAsync(new Uri(app.BaseUri, "/things/new").ToString());
        await page.FillAsync("#Url", $"https://{username}.example.org/first-post");
        await page.FillAsync("#Title", "My very first post");
        await page.FillAsync("#Tags", "first, hello");
        await page.ClickAsync("button[type=submit].btn");
        await page.WaitForURLAsync(new Regex(@"/things/\d+$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("My very first post");
        await Expect(page.Locator("img.qr")).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"https?://\S+/verify\?token=\S+")]
    private static partial Regex VerificationLink();
}
