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
}
