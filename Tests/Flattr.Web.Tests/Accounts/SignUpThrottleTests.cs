using System.Net;

namespace Flattr.Web.Tests.Accounts;

/// <summary>Sign-ups are limited per client address and for everyone together (each costs a password hash and makes an account).</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class SignUpThrottleTests(AccountsApp accounts)
{
    [Fact]
    public async Task Sign_ups_from_one_address_beyond_its_hourly_limit_get_429_and_create_no_account()
    {
        accounts.FreshWindows();
        var statuses = new List<HttpStatusCode>();
        var names = new List<string>();
        for (var i = 0; i <= AccountsApp.SignUpsPerAddressPerHour; i++)
        {
            var (status, username) = await SignUpAsync("203.0.113.7");
            statuses.Add(status);
            names.Add(username);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Redirect, AccountsApp.SignUpsPerAddressPerHour), HttpStatusCode.TooManyRequests], statuses);
        Assert.Null(await accounts.Grains.GetUserDirectory().FindByUsername(names[^1]));
        Assert.NotNull(await accounts.Grains.GetUserDirectory().FindByUsername(names[0]));

        var (otherAddress, _) = await SignUpAsync("203.0.113.8");
        Assert.Equal(HttpStatusCode.Redirect, otherAddress);
    }

    [Fact]
    public async Task Sign_ups_from_many_addresses_beyond_the_global_limit_per_minute_get_429_until_the_next_minute()
    {
        accounts.FreshWindows();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= AccountsApp.SignUpsPerMinute; i++)
        {
            statuses.Add((await SignUpAsync($"198.51.100.{i + 1}")).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Redirect, AccountsApp.SignUpsPerMinute), HttpStatusCode.TooManyRequests], statuses);

        accounts.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Redirect, (await SignUpAsync("198.51.100.200")).Status);
    }

    async Task<(HttpStatusCode Status, string Username)> SignUpAsync(string clientAddress)
    {
        var username = "signup_" + Guid.NewGuid().ToString("N")[..10];
        using var client = accounts.NewClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        using var response = await AccountsApp.PostFormAsync(client, "/signup", new()
        {
            ["Username"] = username, ["Email"] = username + "@example.org", ["Password"] = Support.FlattrApp.Password,
        });
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            Assert.Contains("Too many attempts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        return (response.StatusCode, username);
    }
}
