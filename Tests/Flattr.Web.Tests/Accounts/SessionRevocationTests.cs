using System.Net;
using Flattr.Users;

namespace Flattr.Web.Tests.Accounts;

/// <summary>
/// Sessions live on the server: a cookie replayed after its session ended opens nothing, whether it ended by signing out,
/// by "sign out everywhere" from another browser, by a password change or by a password reset.
/// </summary>
[Collection(AccountsAppCollection.Name)]
public sealed class SessionRevocationTests(AccountsApp accounts)
{
    [Fact]
    public async Task A_cookie_replayed_after_sign_out_no_longer_opens_me()
    {
        accounts.FreshWindows();
        var user = await accounts.App.CreateUserAsync("leaver");
        using var browser = await accounts.SignInAsync(user.Username);
        var cookie = SessionCookie(browser);
        Assert.True(await OpensMeWithAsync(cookie));

        using var signOut = await AccountsApp.PostFormAsync(browser, "/signout", [], "/me");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        Assert.False(await OpensMeWithAsync(cookie));
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_sessions_of_every_browser()
    {
        accounts.FreshWindows();
        var user = await accounts.App.CreateUserAsync("everywhere");
        using var laptop = await accounts.SignInAsync(user.Username);
        using var phone = await accounts.SignInAsync(user.Username);
        var phoneCookie = SessionCookie(phone);
        Assert.True(await AccountsApp.OpensMeAsync(phone));

        using var answer = await AccountsApp.PostFormAsync(laptop, "/me/settings?handler=SignOutEverywhere", [], "/me/settings");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);

        Assert.False(await OpensMeWithAsync(phoneCookie));
        Assert.False(await AccountsApp.OpensMeAsync(laptop));
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_and_keeps_the_changing_browser_signed_in()
    {
        accounts.FreshWindows();
        var user = await accounts.App.CreateUserAsync("changer");
        using var laptop = await accounts.SignInAsync(user.Username);
        using var phone = await accounts.SignInAsync(user.Username);
        var laptopCookie = SessionCookie(laptop);
        var phoneCookie = SessionCookie(phone);

        using var answer = await AccountsApp.PostFormAsync(laptop, "/me/settings?handler=Password", new()
        {
            ["currentPassword"] = Support.FlattrApp.Password, ["newPassword"] = "a changed password",
        }, "/me/settings");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);

        Assert.Contains("Your password is changed", await laptop.GetStringAsync("/me/settings"), StringComparison.Ordinal);
        Assert.False(await OpensMeWithAsync(phoneCookie));
        Assert.False(await OpensMeWithAsync(laptopCookie));
        Assert.True(await AccountsApp.OpensMeAsync(laptop));
    }

    [Fact]
    public async Task A_password_change_with_a_wrong_current_password_changes_nothing()
    {
        accounts.FreshWindows();
        var user = await accounts.App.CreateUserAsync("wrongcurrent");
        using var laptop = await accounts.SignInAsync(user.Username);
        using var phone = await accounts.SignInAsync(user.Username);

        using var answer = await AccountsApp.PostFormAsync(laptop, "/me/settings?handler=Password", new()
        {
            ["currentPassword"] = "not the password", ["newPassword"] = "a changed password",
        }, "/me/settings");

        Assert.Contains("That is not your current password", await laptop.GetStringAsync("/me/settings"), StringComparison.Ordinal);
        Assert.True(await AccountsApp.OpensMeAsync(phone));
        using var again = await accounts.SignInAsync(user.Username);
    }

    [Fact]
    public async Task A_password_reset_ends_every_session_of_the_account()
    {
        accounts.FreshWindows();
        var user = await accounts.App.CreateUserAsync("resetsessions");
        using var browser = await accounts.SignInAsync(user.Username);
        var cookie = SessionCookie(browser);
        var token = await accounts.Grains.GetAccount(user.Id).IssuePasswordReset();

        using var stranger = accounts.NewClient();
        using var reset = await AccountsApp.PostFormAsync(stranger, "/reset-password", new()
        {
            ["user"] = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["token"] = token, ["Password"] = "reset via the link",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        Assert.False(await OpensMeWithAsync(cookie));
    }

    string SessionCookie(HttpClient client) => accounts.SessionCookieOf(client);

    /// <summary>A fresh client that sends only this session cookie (no cookie jar: a deleted cookie is sent all the same).</summary>
    async Task<bool> OpensMeWithAsync(string sessionCookie)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = accounts.App.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Add("Cookie", "flattr.session=" + sessionCookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    }
}
