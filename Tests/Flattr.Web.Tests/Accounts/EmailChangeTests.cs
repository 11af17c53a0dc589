using System.Net;
using Flattr.Users;

namespace Flattr.Web.Tests.Accounts;

/// <summary>Changing the e-mail address: confirmed from the new address by a single-use link that only works for its account.</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class EmailChangeTests(AccountsApp accounts)
{
    [Fact]
    public async Task The_address_changes_only_when_the_link_mailed_to_the_new_address_is_opened()
    {
        accounts.FreshWindows();
        var user = await accounts.App.CreateUserAsync("mover");
        var oldEmail = user.Username + "@example.org";
        var newEmail = "moved_" + Guid.NewGuid().ToString("N")[..8] + "@example.net";
        using var browser = await accounts.SignInAsync(user.Username);

        using var asked = await AccountsApp.PostFormAsync(browser, "/me/settings?handler=Email", new() { ["newEmail"] = newEmail }, "/me/settings");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains("We sent a confirmation link to " + newEmail, await browser.GetStringAsync("/me/settings"), StringComparison.Ordinal);
        Assert.Equal(oldEmail, (await accounts.Grains.GetUser(user.Id).GetProfile()).Email);

        var mail = accounts.LastMailTo(newEmail);
        Assert.NotNull(mail);
        var link = AccountsApp.LinkIn(mail);
        using var stranger = accounts.NewClient();
        var confirmed = await stranger.GetStringAsync(link.PathAndQuery);
        Assert.Contains("Your e-mail address is changed", confirmed, StringComparison.Ordinal);

        var profile = await accounts.Grains.GetUser(user.Id).GetProfile();
        Assert.Equal(newEmail, profile.Email);
        Assert.True(profile.EmailVerified);
        Assert.Equal(user.Id, await accounts.Grains.GetUserDirectory().FindByEmail(newEmail));
        Assert.Null(await accounts.Grains.GetUserDirectory().FindByEmail(oldEmail));
        using var byNewAddress = await accounts.SignInAsync(newEmail);

        var again = await stranger.GetStringAsync(link.PathAndQuery);
        Assert.Contains("This link is not valid", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmation_link_opened_for_another_account_changes_nothing()
    {
        accounts.FreshWindows();
        var owner = await accounts.App.CreateUserAsync("linkowner");
        var other = await accounts.App.CreateUserAsync("linkother");
        var newEmail = "wanted_" + Guid.NewGuid().ToString("N")[..8] + "@example.net";
        var token = await accounts.Grains.GetAccount(owner.Id).IssueEmailChange(newEmail);
        Assert.NotNull(token);

        using var client = accounts.NewClient();
        var page = await client.GetStringAsync($"/me/email/confirm?user={other.Id}&token={Uri.EscapeDataString(token)}");

        Assert.Contains("This link is not valid", page, StringComparison.Ordinal);
        Assert.Equal(other.Username + "@example.org", (await accounts.Grains.GetUser(other.Id).GetProfile()).Email);
        Assert.Equal(owner.Username + "@example.org", (await accounts.Grains.GetUser(owner.Id).GetProfile()).Email);
        Assert.Equal(EmailChangeOutcome.Changed, await accounts.Grains.GetAccount(owner.Id).ConfirmEmailChange(token));
    }

    [Fact]
    public async Task Asking_for_an_address_that_has_an_account_answers_alike_and_mails_that_address_no_link()
    {
        accounts.FreshWindows();
        var user = await accounts.App.CreateUserAsync("taker");
        var holder = await accounts.App.CreateUserAsync("holder");
        var taken = holder.Username + "@example.org";
        using var browser = await accounts.SignInAsync(user.Username);

        using var asked = await AccountsApp.PostFormAsync(browser, "/me/settings?handler=Email", new() { ["newEmail"] = taken }, "/me/settings");

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains("We sent a confirmation link to " + taken, await browser.GetStringAsync("/me/settings"), StringComparison.Ordinal);
        var mail = accounts.LastMailTo(taken);
        Assert.NotNull(mail);
        Assert.Equal("Your Flattr account already exists", mail.Subject);
        Assert.Equal(user.Username + "@example.org", (await accounts.Grains.GetUser(user.Id).GetProfile()).Email);
    }
}
