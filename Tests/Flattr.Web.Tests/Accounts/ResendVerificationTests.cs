using System.Net;
using Flattr.Users;
using Flattr.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Web.Tests.Accounts;

/// <summary>The verification mail sent again on request, throttled, with one answer for every address.</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class ResendVerificationTests(AccountsApp accounts)
{
    [Fact]
    public async Task An_unconfirmed_account_gets_a_new_link_that_confirms_it_and_every_address_gets_the_same_answer()
    {
        accounts.FreshWindows();
        var (userId, email) = await RegisterUnconfirmedAsync("unconfirmed");
        var unknown = "nobody_" + Guid.NewGuid().ToString("N")[..8] + "@example.org";
        using var client = accounts.NewClient();

        using var knownAnswer = await AccountsApp.PostFormAsync(client, "/signup/resend", new() { ["Email"] = email });
        using var unknownAnswer = await AccountsApp.PostFormAsync(client, "/signup/resend", new() { ["Email"] = unknown });

        Assert.Equal(HttpStatusCode.Redirect, knownAnswer.StatusCode);
        Assert.Equal(knownAnswer.StatusCode, unknownAnswer.StatusCode);
        Assert.Equal(await knownAnswer.Content.ReadAsStringAsync(), await unknownAnswer.Content.ReadAsStringAsync());
        Assert.Equal(knownAnswer.Headers.Location!.OriginalString.Split('?')[0], unknownAnswer.Headers.Location!.OriginalString.Split('?')[0]);
        Assert.Null(accounts.LastMailTo(unknown));
        var mail = accounts.LastMailTo(email);
        Assert.NotNull(mail);
        Assert.Equal("Confirm your Flattr account", mail.Subject);

        var page = await client.GetStringAsync(AccountsApp.LinkIn(mail).PathAndQuery);
        Assert.Contains("confirmed", page, StringComparison.Ordinal);
        Assert.True((await accounts.Grains.GetUser(userId).GetProfile()).EmailVerified);
    }

    [Fact]
    public async Task A_confirmed_account_gets_no_new_link()
    {
        accounts.FreshWindows();
        var user = await accounts.App.CreateUserAsync("confirmed");
        var email = user.Username + "@example.org";
        using var client = accounts.NewClient();

        using var answer = await AccountsApp.PostFormAsync(client, "/signup/resend", new() { ["Email"] = email });

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Null(accounts.LastMailTo(email));
    }

    [Fact]
    public async Task Resending_to_one_address_is_throttled_alike_whether_or_not_it_has_an_account()
    {
        accounts.FreshWindows();
        var (_, email) = await RegisterUnconfirmedAsync("flooded");
        var unknown = "nobody_" + Guid.NewGuid().ToString("N")[..8] + "@example.org";
        using var client = accounts.NewClient();

        foreach (var address in new[] { email, unknown })
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i <= AccountsApp.MailsPerRecipientPerHour; i++)
            {
                using var answer = await AccountsApp.PostFormAsync(client, "/signup/resend", new() { ["Email"] = address });
                statuses.Add(answer.StatusCode);
            }

            Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Redirect, AccountsApp.MailsPerRecipientPerHour), HttpStatusCode.TooManyRequests], statuses);
        }

        Assert.Equal(AccountsApp.MailsPerRecipientPerHour, accounts.Outbox.Messages.Count(m => m.To == email));
        accounts.FreshWindows();
        using var later = await AccountsApp.PostFormAsync(client, "/signup/resend", new() { ["Email"] = email });
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }

    async Task<(long UserId, string Email)> RegisterUnconfirmedAsync(string prefix)
    {
        var username = prefix + "_" + Guid.NewGuid().ToString("N")[..8];
        var hash = await accounts.App.Services.GetRequiredService<PasswordChecker>().HashAsync(Support.FlattrApp.Password, CancellationToken.None);
        var profile = await accounts.Grains.GetUserDirectory().Register(new SignUp(username, username + "@example.org", username, "en_GB", hash));
        return (profile.Id, profile.Email);
    }
}
