using System.Net;
using Flattr.Web.Tests.Support;

namespace Flattr.Web.Tests.Accounts;

/// <summary>Forgotten passwords: the enumeration-safe request, the single-use one-hour link, and what using it ends.</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class PasswordResetTests(AccountsApp accounts)
{
    [Fact]
    public async Task Asking_for_a_reset_answers_alike_for_known_and_unknown_addresses_and_mails_only_the_known_one()
    {
        accounts.FreshWindows();
        var user = await accounts.App.CreateUserAsync("forgetful");
        var known = user.Username + "@example.org";
        var unknown = "nobody_" + Guid.NewGuid().ToString("N")[..8] + "@example.org";
        using var client = accounts.NewClient();

        using var knownAnswer = await AccountsApp.PostFormAsync(client, "/forgot-password", new() { ["Email"] = known });
        using var unknownAnswer = await AccountsApp.PostFormAsync(client, "/forgot-password", new() { ["Email"] = unknown });

        Assert.Equal(HttpStatusCode.Redirect, knownAnswer.StatusCode);
        Assert.Equal(knownAnswer.StatusCode, unknownAnswer.StatusCode);
        Assert.Equal(knownAnswer.Headers.Location, unknownAnswer.Headers.Location);
        Assert.Equal(await knownAnswer.Content.ReadAsStringAsync(), await unknownAnswer.Content.ReadAsStringAsync());
        Assert.NotNull(accounts.LastMailTo(known));
        Assert.Null(accounts.LastMailTo(unknown));
        var sent = await client.GetStringAsync(knownAnswer.Headers.Location!.ToString());
        Assert.Contains("If an account has this address", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_link_sets_the_password_once_and_signs_out_every_session()
    {
        accounts.FreshWindows();
        var user = await accounts.App.CreateUserAsync("resetter");
        using var signedIn = await accounts.SignInAsync(user.Username);
        var link = await RequestLinkAsync(user);

        using var first = await ResetAsync(link, "a brand new password");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/signin?reset=true", first.Headers.Location!.ToString());
        Assert.False(await AccountsApp.OpensMeAsync(signedIn));

        using var second = await ResetAsync(link, "yet another password");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("This link is not valid", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var withNew = await accounts.SignInAsync(user.Username, "a brand new password");
        Assert.True(await AccountsApp.OpensMeAsync(withNew));
        await AssertSignInRefusedAsync(user.Username, "yet another password");
        await AssertSignInRefusedAsync(user.Username, FlattrApp.Password);
    }

    [Fact]
    public async Task A_reset_link_older_than_an_hour_is_refused_and_changes_nothing()
    {
        accounts.FreshWindows();
        var user = await accounts.App.CreateUserAsync("late");
        var link = await RequestLinkAsync(user);
        accounts.Clock.Advance(TimeSpan.FromMinutes(61));

        using var answer = await ResetAsync(link, "too late a password");

        Assert.Contains("This link is not valid", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertSignInRefusedAsync(user.Username, "too late a password");
        using var withOld = await accounts.SignInAsync(user.Username);
        Assert.True(await AccountsApp.OpensMeAsync(withOld));
    }

    [Fact]
    public async Task A_reset_token_presented_for_another_user_is_refused_and_changes_neither_password()
    {
        accounts.FreshWindows();
        var owner = await accounts.App.CreateUserAsync("owner");
        var other = await accounts.App.CreateUserAsync("other");
        var link = await RequestLinkAsync(owner);
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var forOther = new Uri(accounts.App.BaseUri, $"/reset-password?user={other.Id}&token={Uri.EscapeDataString(query["token"]!)}");

        using var answer = await ResetAsync(forOther, "hijacked password");

        Assert.Contains("This link is not valid", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertSignInRefusedAsync(other.Username, "hijacked password");
        await AssertSignInRefusedAsync(owner.Username, "hijacked password");
        using var ownerStill = await accounts.SignInAsync(owner.Username);
        using var otherStill = await accounts.SignInAsync(other.Username);
    }

    async Task<Uri> RequestLinkAsync(TestUser user)
    {
        using var client = accounts.NewClient();
        using var answer = await AccountsApp.PostFormAsync(client, "/forgot-password", new() { ["Email"] = user.Username + "@example.org" });
        var mail = accounts.LastMailTo(user.Username + "@example.org");
        Assert.NotNull(mail);
        Assert.Equal("Set a new Flattr password", mail.Subject);
        return AccountsApp.LinkIn(mail);
    }

    async Task<HttpResponseMessage> ResetAsync(Uri link, string password)
    {
        using var client = accounts.NewClient();
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        return await AccountsApp.PostFormAsync(client, "/reset-password", new()
        {
            ["user"] = query["user"]!, ["token"] = query["token"]!, ["Password"] = password,
        }, link.PathAndQuery);
    }

    async Task AssertSignInRefusedAsync(string login, string password)
    {
        using var client = accounts.NewClient();
        using var response = await AccountsApp.PostFormAsync(client, "/signin", new() { ["Login"] = login, ["Password"] = password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not right", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
