using System.Text.RegularExpressions;
using Flattr.Settlement;
using Flattr.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Flattr.Web.Tests.Statements;

/// <summary>
/// The month of issue 16, in Chromium: a giver deposits 10 €, sets a 2 € budget and clicks nothing. After settlement the statement
/// shows where the money went (the 1 € deposit fee and 2 € to charity, together the 3 € spent), in the reader's language.
/// </summary>
[Collection(MonthlyAppCollection.Name)]
public sealed class CharityMonthBrowserTests(MonthlyApp app, Browser browser, ITestOutputHelper output)
{
    [Theory]
    [InlineData("en-GB", "en", "settled", "Charity (no clicks this month)", "€2.00", "Fee on your deposit of €10.00", "€1.00", "€3.00", "No statement for")]
    [InlineData("fr-FR", "fr", "clôturé", "Association caritative (aucun clic ce mois-ci)", "2,00 €", "Frais sur votre dépôt de 10,00 €", "1,00 €", "3,00 €", "Aucun relevé pour")]
    [InlineData("de-DE", "de", "abgerechnet", "Spende (keine Klicks in diesem Monat)", "2,00 €", "Gebühr auf deine Einzahlung von 10,00 €", "1,00 €", "3,00 €", "Keine Abrechnung für")]
    public async Task A_settled_month_without_clicks_shows_the_charity_line_and_the_fee_adding_up_to_the_spend(
        string locale, string language, string settled, string charity, string charityAmount, string fee, string feeAmount, string spent,
        string noStatement)
    {
        var month = app.StartNextMonth();
        var giver = await app.App.CreateUserAsync("charity");
        await app.DepositAsync(giver.Id, 1000);
        await app.Grains.GetUser(giver.Id).SetBudget(200);
        app.EndMonth(month);
        Assert.Equal(SettlementState.Done, (await app.SettleAsync(month)).State);

        await using var context = await browser.NewContextAsync(locale);
        var page = await BrowserSteps.SignInAsync(context, app.App, giver, $"/me/statements/{month}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.Locator("#statement-status")).ToHaveTextAsync(settled);
        await Expect(page.Locator("#given-lines tbody tr")).ToHaveCountAsync(2);
        var charityLine = page.Locator("#given-lines tr[data-kind=Charity]");
        await Expect(charityLine.Locator("td").First).ToHaveTextAsync(charity);
        await Expect(charityLine.Locator("td.num")).ToHaveTextAsync(Spaces(charityAmount));
        var feeLine = page.Locator("#given-lines tr[data-kind=DepositFee]");
        await Expect(feeLine.Locator("td").First).ToContainTextAsync(Spaces(fee, whole: false));
        await Expect(feeLine.Locator("td.num")).ToHaveTextAsync(Spaces(feeAmount));
        await Expect(page.Locator("#given-total")).ToHaveTextAsync(Spaces(spent));
        await Expect(page.Locator("#statement-spent")).ToHaveTextAsync(Spaces(spent));
        await Screenshots.SaveAsync(page, "statement-charity-" + language, output);

        // The month before the account was opened: no statement, a page that says so.
        var before = await page.GotoAsync(new Uri(app.App.BaseUri, $"/me/statements/{month.Previous()}").ToString());
        Assert.Equal(404, before!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync($"{noStatement} {RequestCultures.Month(month.Previous(), locale)}");
        await Expect(page.Locator("#given")).ToHaveCountAsync(0);
    }

    // Euro amounts are written with the culture's (non-breaking) spaces; match any kind of space.
    static Regex Spaces(string text, bool whole = true)
    {
        var spaced = string.Join("\\s", text.Split(' ').Select(Regex.Escape));
        return new(whole ? "^" + spaced + "$" : spaced, RegexOptions.None, TimeSpan.FromSeconds(1));
    }
}
