using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Flattr.Testing.Database;
using Flattr.Things;
using Flattr.Web.Localization;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace Flattr.Web.Tests.Pages;

/// <summary>
/// Every figure the creator's dashboard and the giver's month page show, computed again from the database's own records
/// (clicks, budgets, balances) and compared: the page must show exactly that, and its parts must add up to its totals.
/// </summary>
[Collection(FlattrAppCollection.Name)]
public sealed partial class FiguresAddUpTests(FlattrApp app)
{
    NpgsqlDataSource Database => app.Services.GetRequiredService<NpgsqlDataSource>();

    static Month Now => Month.Current(TimeProvider.System);

    [Fact]
    public async Task The_dashboard_shows_the_expected_income_the_database_gives_and_its_days_add_up_to_it()
    {
        var creator = await app.CreateUserAsync("figcreator");
        var other = await app.CreateUserAsync("figother");
        var first = await ThingAsync(creator);
        var second = await ThingAsync(creator);
        var elsewhere = await ThingAsync(other);
        // Shares that do not divide evenly, a balance below the budget, and clicks on another creator's thing.
        await ClickAsync(await app.CreateUserAsync("figg", depositCents: 2000, budgetCents: 500), first, second, elsewhere);
        await ClickAsync(await app.CreateUserAsync("figg", depositCents: 900, budgetCents: 1000), first);
        await ClickAsync(await app.CreateUserAsync("figg", depositCents: 2000, budgetCents: 200), second, elsewhere);
        await ClickAsync(await app.CreateUserAsync("figg", depositCents: 2000, budgetCents: 700), first, elsewhere, second);

        using var client = await app.SignInAsync(creator);
        var html = await client.GetStringAsync("/dashboard");

        var expected = await ExpectedIncomeAsync(creator.Id);
        var shown = long.Parse(Attribute(html, "expected-income", "data-cents"), CultureInfo.InvariantCulture);
        Assert.Equal(expected, shown);
        Assert.Equal(English(() => Formats.Money(expected)), Text(html, "expected-income"));
        var days = Attribute(html, "chart-daily-clicks", "data-days").Split(';').Select(d => d.Split('|')).ToList();
        Assert.Equal(expected, days.Sum(d => long.Parse(d[2], CultureInfo.InvariantCulture)));
        var clicks = await Database.ScalarAsync(
            "SELECT count(*) FROM clicks c JOIN things t ON t.id = c.thing_id WHERE t.owner_id = $1 AND c.month = $2", creator.Id, Now.FirstDay);
        Assert.Equal(clicks, long.Parse(Text(html, "creator-clicks"), CultureInfo.InvariantCulture));
        Assert.Equal(clicks, days.Sum(d => long.Parse(d[1], CultureInfo.InvariantCulture)));
        var givers = await Database.ScalarAsync(
            "SELECT count(DISTINCT c.giver_id) FROM clicks c JOIN things t ON t.id = c.thing_id WHERE t.owner_id = $1 AND c.month = $2",
            creator.Id, Now.FirstDay);
        Assert.Equal(givers, long.Parse(Text(html, "creator-givers"), CultureInfo.InvariantCulture));

        // The monthly chart: this month's bar is the same expected income; no month before the account was opened.
        var history = Attribute(html, "chart-clicks", "data-history").Split(';').Select(p => p.Split('|')).ToList();
        Assert.Single(history);
        Assert.Equal(expected, long.Parse(history[0][2], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_month_page_shows_the_budget_balance_clicks_and_click_value_the_database_gives()
    {
        var owner = await app.CreateUserAsync("figowner");
        var giver = await app.CreateUserAsync("figme", depositCents: 1500, budgetCents: 1000);
        await ClickAsync(giver, await ThingAsync(owner), await ThingAsync(owner), await ThingAsync(owner));

        using var client = await app.SignInAsync(giver);
        var html = await client.GetStringAsync("/me");

        var budget = await Database.ScalarAsync(
            "SELECT amount_cents FROM budgets WHERE user_id = $1 AND effective_month <= $2 ORDER BY effective_month DESC LIMIT 1", giver.Id, Now.FirstDay);
        var balance = await Database.ScalarAsync("SELECT balance_cents FROM accounts WHERE user_id = $1", giver.Id);
        var clicks = await Database.ScalarAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND month = $2", giver.Id, Now.FirstDay);
        Assert.Equal(English(() => Formats.Money(budget)), Text(html, "budget"));
        Assert.Equal(English(() => Formats.Money(balance)), Text(html, "balance"));
        Assert.Equal(clicks.ToString(CultureInfo.InvariantCulture), Text(html, "clicks"));
        Assert.Equal(English(() => Formats.Money(Math.Min(budget, balance) / clicks)), Text(html, "click-value"));
    }

    [Fact]
    public async Task A_new_account_lists_no_statements_and_says_its_first_budget_applies_now()
    {
        var newcomer = await app.CreateUserAsync("fignew");
        using var client = await app.SignInAsync(newcomer);

        var before = await client.GetStringAsync("/me");
        Assert.DoesNotContain("/me/statements/", before, StringComparison.Ordinal);
        Assert.Equal(Texts.English.BudgetLeadFirst, Text(before, "budget-lead"));

        await client.PostFormAsync("/me", "Budget", ("amountCents", "500"));
        var after = await client.GetStringAsync("/me");
        Assert.Equal(Texts.English.BudgetLead, Text(after, "budget-lead"));
        Assert.Equal(English(() => Formats.Money(500)), Text(after, "budget"));
    }

    async Task<long> ThingAsync(TestUser owner) =>
        (await app.Grains.GetThingRegistry().Register(owner.Id,
            new ThingSubmission($"https://figures.example.org/{Guid.NewGuid():N}", "A thing to count", "Words.", ThingCategories.Text))).Id;

    async Task ClickAsync(TestUser giver, params long[] things)
    {
        foreach (var thing in things)
        {
            await app.Grains.GetWallet(giver.Id, Now).Flattr(thing, anonymous: false);
        }
    }

    /// <summary>PRODUCT's rule from the records: per giver who clicked the creator's things this month, min(budget, balance) ×
    /// clicks on the creator ÷ all their clicks, rounded down, summed.</summary>
    Task<long> ExpectedIncomeAsync(long creatorId) => Database.ScalarAsync(
        """
        WITH per_giver AS (
            SELECT c.giver_id, count(*) AS clicks, count(*) FILTER (WHERE t.owner_id = $1) AS on_creator
            FROM clicks c JOIN things t ON t.id = c.thing_id
            WHERE c.month = $2
            GROUP BY c.giver_id)
        SELECT coalesce(sum(greatest(0, least(
                   coalesce((SELECT b.amount_cents FROM budgets b WHERE b.user_id = g.giver_id AND b.effective_month <= $2
                             ORDER BY b.effective_month DESC LIMIT 1), 0),
                   (SELECT a.balance_cents FROM accounts a WHERE a.user_id = g.giver_id))) * g.on_creator / g.clicks), 0)::bigint
        FROM per_giver g WHERE g.on_creator > 0
        """,
        creatorId, Now.FirstDay);

    /// <summary>What the page writes for a client that sends no Accept-Language: the English interface's format.</summary>
    static string English(Func<string> format)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en");
        try
        {
            return format();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    static string Attribute(string html, string id, string name)
    {
        var element = Regex.Match(html, $"<[^>]*id=\"{Regex.Escape(id)}\"[^>]*>");
        Assert.True(element.Success, $"The page has no #{id}.");
        var attribute = Regex.Match(element.Value, $"{Regex.Escape(name)}=\"([^\"]*)\"");
        Assert.True(attribute.Success, $"#{id} has no {name}.");
        return WebUtility.HtmlDecode(attribute.Groups[1].Value);
    }

    static string Text(string html, string id)
    {
        var match = Regex.Match(html, $"id=\"{Regex.Escape(id)}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"The page has no #{id}.");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }
}
