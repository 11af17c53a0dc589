using Flattr.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Flattr.Web.Tests.EndToEnd;

[Collection(FlattrAppCollection.Name)]
public sealed class LanguageTests(FlattrApp app, Browser browser, ITestOutputHelper output)
{
    [Theory]
    [InlineData("fr-FR", "fr", "Récompensez ce que vous aimez", "Connexion")]
    [InlineData("de-DE", "de", "Belohne, was du liebst", "Anmelden")]
    [InlineData("en-GB", "en", "Reward what you love", "Sign in")]
    public async Task A_browser_gets_the_pages_in_its_own_language(string locale, string language, string heading, string signIn)
    {
        await using var context = await browser.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUri.ToString());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.Locator("h1")).ToContainTextAsync(heading);
        await page.GotoAsync(new Uri(app.BaseUri, "/signin").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync(signIn);
        await Screenshots.SaveAsync(page, "signin-" + language, output);
    }

    [Fact]
    public async Task The_language_switch_wins_over_the_browser_language()
    {
        await using var context = await browser.NewContextAsync("fr-FR");
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseUri, "/trending").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Tendances");
        await page.ClickAsync(".langswitch button[value=de]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Im Trend");
        Assert.EndsWith("/trending", page.Url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-GB", "Access tokens", "Your API applications", "Your API applications")]
    [InlineData("fr-FR", "Jetons d’accès", "Vos applications API", "Vos applications API")]
    [InlineData("de-DE", "Zugriffstoken", "Deine API-Anwendungen", "Ihre API-Anwendungen")]
    public async Task The_account_page_links_the_api_settings_in_the_browsers_language(
        string locale, string tokensLink, string applicationsLink, string applicationsHeading)
    {
        var user = await app.CreateUserAsync("apiuser");
        await using var context = await browser.NewContextAsync(locale);
        var me = await BrowserSteps.SignInAsync(context, app, user);

        await Expect(me.Locator("#api-settings a[href='/settings/tokens']")).ToHaveTextAsync(tokensLink);
        await Expect(me.Locator("#api-settings a[href='/settings/applications']")).ToHaveTextAsync(applicationsLink);
        await me.ClickAsync("#api-settings a[href='/settings/applications']");
        await me.WaitForURLAsync("**/settings/applications");
        await Expect(me.Locator("h1")).ToHaveTextAsync(applicationsHeading);
    }
}
