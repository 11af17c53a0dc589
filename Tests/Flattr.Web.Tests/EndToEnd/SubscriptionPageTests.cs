using Flattr.Things;
using Flattr.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Flattr.Web.Tests.EndToEnd;

/// <summary>A giver subscribes on a thing's page, then pauses, resumes and cancels it on their own page: always one entry.</summary>
[Collection(FlattrAppCollection.Name)]
public sealed class SubscriptionPageTests(FlattrApp app, Browser browser)
{
    [Fact]
    public async Task Pausing_and_resuming_on_the_givers_page_toggle_one_entry_and_cancelling_removes_it()
    {
        var giver = await app.CreateUserAsync("subscriber", depositCents: 2000);
        var creator = await app.CreateUserAsync("podcaster");
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id,
            new ThingSubmission($"https://podcast.example.org/{Guid.NewGuid():N}", "A podcast worth following"));
        await using var context = await browser.NewContextAsync();
        var page = await BrowserSteps.SignInAsync(context, app, giver, $"/things/{thing.Id}");
        await page.SelectOptionAsync("select[name=term]", "UntilCancelled");
        await page.ClickAsync("form[action*=Subscribe] button");

        await page.GotoAsync(new Uri(app.BaseUri, "/me").ToString());
        var rows = page.Locator("tr[data-subscription]");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToHaveAttributeAsync("data-state", "running");

        await page.ClickAsync("form[action*=PauseSubscription] button");
        await Expect(page.Locator("#notice")).ToContainTextAsync("paused");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToHaveAttributeAsync("data-state", "paused");

        await page.ClickAsync("form[action*=ResumeSubscription] button");
        await Expect(page.Locator("#notice")).ToContainTextAsync("resumed");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToHaveAttributeAsync("data-state", "running");

        await page.ClickAsync("form[action*=CancelSubscription] button");
        await Expect(page.Locator("#notice")).ToContainTextAsync("ends after this month");
        await Expect(rows).ToHaveCountAsync(0);

        var subscriptions = await app.Grains.GetSubscriptions(giver.Id).List();
        Assert.Empty(subscriptions);
        var month = await app.Grains.GetWallet(giver.Id, Month.Current(TimeProvider.System)).GetMonth();
        Assert.Single(month.Clicks, c => c.ThingId == thing.Id);
    }
}
