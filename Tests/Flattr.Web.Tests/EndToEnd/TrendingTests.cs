using Flattr.Things;
using Flattr.Web.Button;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Flattr.Web.Tests.EndToEnd;

[Collection(FlattrAppCollection.Name)]
public sealed class TrendingTests(FlattrApp app, Browser browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Trending_reorders_live_as_clicks_arrive()
    {
        var creator = await app.CreateUserAsync("trendsetter");
        var registry = app.Grains.GetThingRegistry();
        // A category and language no other test uses, so the filtered board holds only these two.
        var quiet = await registry.Register(creator.Id, new ThingSubmission($"https://people.example.org/{Guid.NewGuid():N}", "Portrait of a quiet neighbour", Category: "people", Language: "it_IT"));
        var rising = await registry.Register(creator.Id, new ThingSubmission($"https://people.example.org/{Guid.NewGuid():N}", "Portrait of a rising star", Category: "people", Language: "it_IT"));
        var givers = new List<TestUser>();
        for (var i = 0; i < 3; i++)
        {
            givers.Add(await app.CreateUserAsync("voter", depositCents: 1000));
        }

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseUri, "/trending?category=people&language=it_IT").ToString());
        await BrowserSteps.WaitForLiveAsync(page);
        var time = app.Services.GetRequiredService<TimeProvider>();
        var rows = page.Locator("#trending li[data-thing]");

        await app.Grains.WalletNow(givers[0].Id, time).Flattr(quiet.Id, anonymous: false);
        await Expect(rows.First).ToHaveAttributeAsync("data-thing", quiet.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await app.Grains.WalletNow(givers[1].Id, time).Flattr(rising.Id, anonymous: false);
        await app.Grains.WalletNow(givers[2].Id, time).Flattr(rising.Id, anonymous: false);
        await Expect(rows.First).ToHaveAttributeAsync("data-thing", rising.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-thing", quiet.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(rows.First.Locator(".count-pill")).ToHaveTextAsync("2");
        await Screenshots.SaveAsync(page, "trending-live", output);
    }
}
