using System.Net;
using Flattr.Things;
using Flattr.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Flattr.Web.Tests.Accounts;

/// <summary>The settings page, linked from /me: name, mail language and anonymous-by-default are stored and used.</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class SettingsPageTests(AccountsApp accounts, Browser browser)
{
    [Fact]
    public async Task A_giver_changes_name_language_and_anonymity_in_the_browser_and_the_next_flattr_is_anonymous()
    {
        accounts.FreshWindows();
        var user = await accounts.App.CreateUserAsync("settler", depositCents: 2000, budgetCents: 500);
        var creator = await accounts.App.CreateUserAsync("liked");
        var thing = await accounts.Grains.GetThingRegistry().Register(creator.Id,
            new ThingSubmission($"https://liked.example.org/{Guid.NewGuid():N}", "Something to flattr quietly"));
        await using var context = await browser.NewContextAsync();
        var page = await BrowserSteps.SignInAsync(context, accounts.App, user);

        await Expect(page.Locator("#settings-link")).ToHaveAttributeAsync("href", "/me/settings");
        await page.GotoAsync(new Uri(accounts.App.BaseUri, "/me/settings").ToString());
        await Expect(page.Locator("#profile-link")).ToHaveAttributeAsync("href", "/me/profile");
        await Expect(page.Locator("#delete-link")).ToHaveAttributeAsync("href", "/me/delete");
        await page.FillAsync("#displayName", "Quiet Settler");
        await page.SelectOptionAsync("#language", "fr_FR");
        await page.CheckAsync("#anonymousByDefault");
        await page.ClickAsync("#save-preferences");

        await Expect(page.Locator("#notice")).ToHaveTextAsync("Saved.");
        await Expect(page.Locator("#displayName")).ToHaveValueAsync("Quiet Settler");
        await Expect(page.Locator("#language")).ToHaveValueAsync("fr_FR");
        await Expect(page.Locator("#anonymousByDefault")).ToBeCheckedAsync();
        var profile = await accounts.Grains.GetUser(user.Id).GetProfile();
        Assert.Equal(("Quiet Settler", "fr_FR", true), (profile.DisplayName, profile.Language, profile.AnonymousByDefault));

        await page.GotoAsync(new Uri(accounts.App.BaseUri, $"/things/{thing.Id}").ToString());
        await BrowserSteps.WaitForLiveAsync(page);
        await page.ClickAsync("#flattr-here");
        await Expect(page.Locator("[data-count=total]")).ToHaveTextAsync("1");
        var click = Assert.Single((await accounts.Grains.GetWallet(user.Id, Month.Current(accounts.Clock)).GetMonth()).Clicks);
        Assert.True(click.Anonymous);

        await page.GotoAsync(new Uri(accounts.App.BaseUri, "/me/delete").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Delete your account");
    }

    [Fact]
    public async Task Mails_to_a_user_are_written_in_the_language_chosen_in_the_settings()
    {
        accounts.FreshWindows();
        var user = await accounts.App.CreateUserAsync("polyglot");
        using var client = await accounts.SignInAsync(user.Username);
        using var saved = await AccountsApp.PostFormAsync(client, "/me/settings?handler=Preferences", new()
        {
            ["displayName"] = "Polyglot", ["language"] = "de_DE", ["anonymousByDefault"] = "false",
        }, "/me/settings");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var stranger = accounts.NewClient();
        using var asked = await AccountsApp.PostFormAsync(stranger, "/forgot-password", new() { ["Email"] = user.Username + "@example.org" });

        Assert.Equal("Neues Flattr-Passwort setzen", accounts.LastMailTo(user.Username + "@example.org")?.Subject);
    }

    [Fact]
    public async Task A_language_that_is_not_offered_is_refused_and_nothing_changes()
    {
        accounts.FreshWindows();
        var user = await accounts.App.CreateUserAsync("oddlang");
        using var client = await accounts.SignInAsync(user.Username);

        using var saved = await AccountsApp.PostFormAsync(client, "/me/settings?handler=Preferences", new()
        {
            ["displayName"] = "Odd", ["language"] = "xx_XX",
        }, "/me/settings");

        Assert.Contains("Choose one of the languages offered", await client.GetStringAsync("/me/settings"), StringComparison.Ordinal);
        Assert.Equal(("en_GB", user.DisplayName), ((await accounts.Grains.GetUser(user.Id).GetProfile()).Language, (await accounts.Grains.GetUser(user.Id).GetProfile()).DisplayName));
    }
}
