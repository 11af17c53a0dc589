using System.Net;
using Flattr.Things;
using Flattr.Users;
using Flattr.Web.Accounts;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Web.Tests.Accounts;

/// <summary>
/// Deleting an account: income must be paid out first; a giver's open-month clicks are withdrawn through the grains, their things
/// stop taking flattrs, unspent money stays in the ledger, the row is pseudonymised, the address is free and every session ends.
/// </summary>
[Collection(AccountsAppCollection.Name)]
public sealed class AccountDeletionTests(AccountsApp accounts)
{
    [Fact]
    public async Task A_creator_is_refused_while_income_is_on_its_way_or_unpaid_and_may_delete_once_it_is_paid_out()
    {
        accounts.FreshWindows();
        var creator = await accounts.App.CreateUserAsync("earner");
        var giver = await accounts.App.CreateUserAsync("payer", depositCents: 5000, budgetCents: 1500);
        var thing = await RegisterAsync(creator, "earning");
        var month = Month.Current(accounts.Clock);
        await accounts.Grains.GetWallet(giver.Id, month).Flattr(thing.Id, anonymous: false);
        using (var early = await accounts.SignInAsync(creator.Username))
        {
            var pending = await accounts.Grains.GetAccount(creator.Id).CheckDeletion();
            Assert.False(pending.Allowed);
            Assert.True(pending.IncomePending);
            Assert.Contains("still on its way", WebUtility.HtmlDecode(await early.GetStringAsync("/me/delete")), StringComparison.Ordinal);
        }

        accounts.EndMonth(month);
        await accounts.SettleAsync(month);
        using var browser = await accounts.SignInAsync(creator.Username);
        var unpaid = await accounts.Grains.GetAccount(creator.Id).CheckDeletion();
        Assert.Equal(1500, unpaid.IncomeToPayOutCents);
        Assert.False(unpaid.IncomePending);
        Assert.False(unpaid.Allowed);
        Assert.Contains("holds €15.00 of income not yet paid out", WebUtility.HtmlDecode(await browser.GetStringAsync("/me/delete")), StringComparison.Ordinal);
        using var refused = await AccountsApp.PostFormAsync(browser, "/me/delete", new() { ["password"] = FlattrApp.Password });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(creator.Username, (await accounts.Grains.GetUser(creator.Id).GetProfile()).Username);
        Assert.True(await AccountsApp.OpensMeAsync(browser));

        var payouts = accounts.Grains.GetPayouts(creator.Id);
        await payouts.SetAccount("DE89370400440532013000", "Creator Example");
        await payouts.Complete((await payouts.Request(1500)).Id, succeeded: true, failureReason: null);
        using var deleted = await AccountsApp.PostFormAsync(browser, "/me/delete", new() { ["password"] = FlattrApp.Password });

        Assert.Contains("Your account is deleted", await deleted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ThingStatus.Deleted, (await accounts.Grains.GetThing(thing.Id).GetInfo()).Status);
        Assert.True((await accounts.Grains.GetAudit().Run()).Ok);
    }

    [Fact]
    public async Task A_giver_deletion_withdraws_the_open_month_keeps_the_money_frees_the_address_and_ends_every_session()
    {
        accounts.FreshWindows();
        var giver = await accounts.App.CreateUserAsync("quitter", depositCents: 5000, budgetCents: 500);
        var creator = await accounts.App.CreateUserAsync("maker");
        var first = await RegisterAsync(creator, "first");
        var second = await RegisterAsync(creator, "second");
        var own = await RegisterAsync(giver, "own");
        var month = Month.Current(accounts.Clock);
        var wallet = accounts.Grains.GetWallet(giver.Id, month);
        await wallet.Flattr(first.Id, anonymous: false);
        await wallet.Flattr(second.Id, anonymous: true);
        await accounts.Grains.GetSubscriptions(giver.Id).Subscribe(first.Id, Subscriptions.SubscriptionTerm.UntilCancelled);
        using var browser = await accounts.SignInAsync(giver.Username);
        using var phone = await accounts.SignInAsync(giver.Username);
        var oldEmail = giver.Username + "@example.org";
        var balance = await accounts.Grains.GetUser(giver.Id).GetBalance();

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/me/delete"));
        Assert.Contains("Your flattrs of this month (2) are withdrawn", page, StringComparison.Ordinal);
        Assert.Contains("kept for 12 months", page, StringComparison.Ordinal);
        using var wrongPassword = await AccountsApp.PostFormAsync(browser, "/me/delete", new() { ["password"] = "not my password" });
        Assert.Contains("That is not your current password", await wrongPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var answer = await AccountsApp.PostFormAsync(browser, "/me/delete", new() { ["password"] = FlattrApp.Password });
        var done = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());

        Assert.Contains("Your account is deleted", done, StringComparison.Ordinal);
        Assert.Contains("€45.00 remain in the balance", done, StringComparison.Ordinal);
        Assert.Empty((await wallet.GetMonth()).Clicks);
        Assert.Equal(0, (await accounts.Grains.GetThing(first.Id).GetCounts()).ThisMonth);
        Assert.Equal(0, (await accounts.Grains.GetThing(second.Id).GetCounts()).ThisMonth);
        Assert.Equal(ThingStatus.Deleted, (await accounts.Grains.GetThing(own.Id).GetInfo()).Status);
        Assert.Empty(await accounts.Grains.GetSubscriptions(giver.Id).List());
        Assert.Equal(0, (await accounts.Grains.GetUser(giver.Id).GetBudget()).CurrentCents);
        var profile = await accounts.Grains.GetUser(giver.Id).GetProfile();
        Assert.Equal("deleted_" + giver.Id, profile.Username);
        Assert.Equal("Deleted user", profile.DisplayName);
        Assert.DoesNotContain(giver.Username, profile.Email, StringComparison.Ordinal);
        Assert.Null(await accounts.Grains.GetUserDirectory().FindByEmail(oldEmail));
        Assert.False(await AccountsApp.OpensMeAsync(browser));
        Assert.False(await AccountsApp.OpensMeAsync(phone));
        using (var signIn = accounts.NewClient())
        {
            using var refused = await AccountsApp.PostFormAsync(signIn, "/signin", new() { ["Login"] = giver.Username, ["Password"] = FlattrApp.Password });
            Assert.Contains("not right", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var hash = await accounts.App.Services.GetRequiredService<PasswordChecker>().HashAsync(FlattrApp.Password, CancellationToken.None);
        var newcomer = await accounts.Grains.GetUserDirectory().Register(new SignUp("again_" + giver.Id, oldEmail, "Again", "en_GB", hash));
        Assert.Equal(newcomer.Id, await accounts.Grains.GetUserDirectory().FindByEmail(oldEmail));

        // The month settles without spending the deleted giver's money: it is kept, and the ledger adds up.
        accounts.EndMonth(month);
        await accounts.SettleAsync(month);
        Assert.Equal(balance, await accounts.Grains.GetUser(giver.Id).GetBalance());
        Assert.True((await accounts.Grains.GetAudit().Run()).Ok);
    }

    async Task<ThingInfo> RegisterAsync(TestUser owner, string slug) =>
        await accounts.Grains.GetThingRegistry().Register(owner.Id,
            new ThingSubmission($"https://{owner.Username}.example.org/{slug}-{Guid.NewGuid():N}", "A thing called " + slug));
}
