using Flattr.Settlement;
using Flattr.Things;
using Flattr.Web.Tests.Statements;
using Flattr.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Flattr.Web.Tests.Earnings;

/// <summary>
/// The earnings page in Chromium: a creator's thing earns 25 € in a settled month; from the dashboard the creator opens the
/// earnings, adds a bank account (a bad IBAN and a wrong password are refused, the IBAN is shown masked), pays everything out
/// and sees the payout's statement line move from sent to paid when the sandbox provider confirms it.
/// </summary>
[Collection(MonthlyAppCollection.Name)]
public sealed class EarningsPageBrowserTests(MonthlyApp app, Browser browser, ITestOutputHelper output)
{
    const string Iban = "DE89 3704 0044 0532 0130 00";

    [Fact]
    public async Task A_creator_sees_settled_income_adds_a_bank_account_with_the_password_and_pays_it_all_out()
    {
        var month = app.StartNextMonth();
        var creator = await app.App.CreateUserAsync("earner");
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id,
            new ThingSubmission($"https://example.org/{Guid.NewGuid():N}", "A post worth paying for", "Words.", ThingCategories.Text));
        var giver = await app.App.CreateUserAsync("patron", depositCents: 5_000, budgetCents: 2_500);
        await app.Grains.GetWallet(giver.Id, month).Flattr(thing.Id, anonymous: false);
        app.EndMonth(month);
        Assert.Equal(SettlementState.Done, (await app.SettleAsync(month)).State);

        await using var context = await browser.NewContextAsync("en-GB");
        var page = await BrowserSteps.SignInAsync(context, app.App, creator, "/dashboard");
        await page.ClickAsync("#earnings-link");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/me/earnings");
        await Expect(page.Locator("#available")).ToHaveAttributeAsync("data-cents", "2500");
        await Expect(page.Locator("#no-account")).ToBeVisibleAsync();
        await Expect(page.Locator($"h3[data-month='{month}'] span")).ToHaveAttributeAsync("data-cents", "2500");
        await Expect(page.Locator($"table[data-month-lines='{month}'] tr[data-thing='{thing.Id}'] td").First).ToHaveTextAsync("A post worth paying for");

        await SaveAccountAsync(page, "DE89 3704 0044 0532 0130 01", FlattrApp.Password);
        await Expect(page.Locator("#notice.error")).ToContainTextAsync("This IBAN is not valid");
        await SaveAccountAsync(page, Iban, "not my password");
        await Expect(page.Locator("#notice.error")).ToContainTextAsync("That password is not right");
        await Expect(page.Locator("#no-account")).ToBeVisibleAsync();
        await SaveAccountAsync(page, Iban, FlattrApp.Password);
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Payouts now go to DE•• •••• 3000.");
        await Expect(page.Locator("#masked-iban")).ToHaveTextAsync("DE•• •••• 3000");
        Assert.DoesNotContain("0532", await page.ContentAsync(), StringComparison.Ordinal);

        await page.ClickAsync("#pay-out");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("€25.00 is on its way to DE•• •••• 3000.");
        await Expect(page.Locator("#available")).ToHaveAttributeAsync("data-cents", "0");
        var line = page.Locator("#payout-lines tbody tr");
        await Expect(line).ToHaveCountAsync(1);
        await Expect(line).ToHaveAttributeAsync("data-status", "sent");
        await page.ClickAsync("#pay-out");
        await Expect(page.Locator("#notice.error")).ToContainTextAsync("is available to pay out, and a payout is at least");

        // The sandbox provider confirms the transfer with its signed webhook (the development route signs and delivers one).
        var payoutId = await line.GetAttributeAsync("data-payout");
        using var http = app.App.CreateClient();
        using var confirmed = await http.PostAsync(new Uri($"/payments/sandbox/payouts/{payoutId}/paid", UriKind.Relative), null);
        Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());
        await page.ReloadAsync();
        await Expect(page.Locator("#payout-lines tbody tr")).ToHaveAttributeAsync("data-status", "paid");
        await Screenshots.SaveAsync(page, "earnings", output);
        Assert.True((await app.Grains.GetAudit().Run()).Ok);
    }

    static async Task SaveAccountAsync(Microsoft.Playwright.IPage page, string iban, string password)
    {
        await page.FillAsync("#iban", iban);
        await page.FillAsync("#holder-name", "Ada Earner");
        await page.FillAsync("#password", password);
        await page.ClickAsync("#save-account");
        await page.WaitForLoadStateAsync();
    }
}
