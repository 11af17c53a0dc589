using System.Net;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Flattr.Settlement;
using Flattr.Subscriptions;
using Flattr.Things;
using Flattr.Web.Tests.Support;

namespace Flattr.Web.Tests.Statements;

/// <summary>
/// Lives a generated month on the real app (sign-ups, deposits, budgets, subscriptions, clicks), then lets it end, plans it
/// (settling) and settles it through the real settlement engine. After each step it renders every user's statement page over
/// HTTP and checks it against the ledger and a model of the money rules: the giver's lines sum to what the page says was spent,
/// that equals the giver's ledger entries for the month, the lines are the ones the rules call for, and each creator's income
/// lines sum to their total, to the ledger's credits and to the givers' lines for their things (and the dashboard agrees).
/// </summary>
public static partial class StatementMonths
{
    public static Gen<StatementMonthCase> Cases =>
        from givers in Gen.Choose(1, 4)
        from creators in Gen.Choose(1, 2)
        from things in Gen.Choose(1, 4)
        from owners in Gen.ArrayOf(Gen.Choose(0, givers + creators - 1), things)
        from plans in Gen.ArrayOf(Plans(things), givers)
        select new StatementMonthCase(owners, [.. plans, .. Enumerable.Repeat(new UserPlan(0, 0, [], []), creators)]);

    static Gen<UserPlan> Plans(int things) =>
        from budget in Gen.Frequency((1, Gen.Constant(0L)), (5, Gen.Choose(200, 10_000).Select(x => (long)x)))
        from deposit in Gen.Frequency((1, Gen.Constant(0L)), (5, Gen.Choose(800, 5_000).Select(x => (long)x)))
        from clicks in SomeOf(things)
        from subscriptions in SomeOf(things)
        select new UserPlan(budget, deposit, [.. clicks], [.. subscriptions]);

    // Often none: months with subscriptions only, clicks only and no clicks at all (charity or rollover) all come up.
    static Gen<int[]> SomeOf(int things) =>
        Gen.Frequency((1, Gen.Constant(Array.Empty<int>())), (2, Gen.SubListOf(Enumerable.Range(0, things).ToArray()).Select(l => l.ToArray())));

    /// <summary>Runs <paramref name="cases"/> generated months one after the other on <paramref name="app"/>.</summary>
    public static int Check(MonthlyApp app, int cases)
    {
        var checkedMonths = 0;
        var property = Prop.ForAll(Cases.ToArbitrary(), (StatementMonthCase month) => Task.Run(async () =>
        {
            await LiveAndCheckAsync(app, month);
            Interlocked.Increment(ref checkedMonths);
        }));
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases), property);
        return checkedMonths;
    }

    static async Task LiveAndCheckAsync(MonthlyApp app, StatementMonthCase scenario)
    {
        var month = app.StartNextMonth();
        var users = new List<TestUser>();
        foreach (var _ in scenario.Users)
        {
            users.Add(await app.App.CreateUserAsync("st"));
        }

        var things = new long[scenario.ThingOwners.Length];
        for (var i = 0; i < things.Length; i++)
        {
            var owner = users[scenario.ThingOwners[i]];
            things[i] = (await app.Grains.GetThingRegistry().Register(owner.Id,
                new ThingSubmission($"https://statements.example.org/{Guid.NewGuid():N}", $"Thing {i} of {month}"))).Id;
        }

        var ownerOf = things.Select((thing, i) => (thing, users[scenario.ThingOwners[i]].Id)).ToDictionary();
        var expected = new List<Expected>();
        for (var u = 0; u < users.Count; u++)
        {
            expected.Add(await LiveAsync(app, month, scenario, u, users[u], things));
        }

        // The month ends: nobody is settled yet, the statements show the fees of the month's deposits.
        app.EndMonth(month);
        var clients = new List<HttpClient>();
        try
        {
            foreach (var user in users)
            {
                clients.Add(await app.SignInAsync(user));
            }

            await CheckAsync(app, month, expected, ownerOf, clients, MonthPhase.Ended);
            await app.PlanAsync(month);
            await CheckAsync(app, month, expected, ownerOf, clients, MonthPhase.Settling);
            Assert.Equal(SettlementState.Done, (await app.SettleAsync(month)).State);
            await CheckAsync(app, month, expected, ownerOf, clients, MonthPhase.Settled);
            await CheckDashboardsAsync(month, scenario, users, clients);

            // The month before the accounts were opened has no statement at all.
            using var before = await clients[0].GetAsync($"/me/statements/{month.Previous()}");
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
            var body = await before.Content.ReadAsStringAsync();
            Assert.Contains("id=\"no-statement\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"given\"", body, StringComparison.Ordinal);
            Assert.True((await app.Grains.GetAudit().Run()).Ok);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    static async Task<Expected> LiveAsync(MonthlyApp app, Month month, StatementMonthCase scenario, int u, TestUser user, long[] things)
    {
        var plan = scenario.Users[u];
        var fee = plan.DepositCents > 0 ? (await app.DepositAsync(user.Id, plan.DepositCents)).FeeCents : 0;
        if (plan.BudgetCents > 0)
        {
            await app.Grains.GetUser(user.Id).SetBudget(plan.BudgetCents);
        }

        bool NotOwn(int t) => scenario.ThingOwners[t] != u;
        var hasMeans = plan.BudgetCents > 0 && plan.DepositCents > 0;
        var wallet = app.Grains.GetWallet(user.Id, month);
        var subscribed = hasMeans ? plan.Subscriptions.Where(NotOwn).Distinct().ToArray() : [];
        foreach (var t in subscribed)
        {
            await wallet.Subscribe(things[t], SubscriptionTerm.ThreeMonths);
        }

        var clicked = plan.Clicks.Where(NotOwn).Except(subscribed).Distinct().ToArray();
        foreach (var t in clicked)
        {
            if (hasMeans)
            {
                await wallet.Flattr(things[t], anonymous: false);
            }
            else
            {
                var refused = await Assert.ThrowsAsync<FlattrException>(() => wallet.Flattr(things[t], anonymous: false));
                Assert.Equal(FlattrErrors.NoMeans, refused.Code);
            }
        }

        var lines = subscribed.Select(t => (things[t], "Subscription")).Concat(hasMeans ? clicked.Select(t => (things[t], "Share")) : []);
        var balance = plan.DepositCents - fee;
        return new Expected(user.Id, fee, Math.Min(plan.BudgetCents, balance), lines.ToDictionary(l => l.Item1, l => l.Item2));
    }

    static async Task CheckAsync(MonthlyApp app, Month month, List<Expected> expected, Dictionary<long, long> ownerOf, List<HttpClient> clients,
        MonthPhase phase)
    {
        var pages = new List<StatementPage>();
        for (var i = 0; i < expected.Count; i++)
        {
            var page = await StatementPage.GetAsync(clients[i], month);
            CheckGiver(page, expected[i], phase, app.Rollover);
            Assert.Equal(await LedgerFacts.GiverPaidAsync(app.Database, expected[i].UserId, month), page.SpentCents);
            pages.Add(page);
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var page = pages[i];
            Assert.Equal(page.ReceivedCents, page.Received.Sum(l => l.AmountCents));
            Assert.Equal(page.Received.Count == 0 ? null : page.ReceivedCents, page.ReceivedTotalCents);
            Assert.Equal(await LedgerFacts.CreatorReceivedAsync(app.Database, expected[i].UserId, month), page.ReceivedCents);
            var owned = ownerOf.Where(t => t.Value == expected[i].UserId).Select(t => t.Key).ToHashSet();
            var fromGivers = pages.SelectMany(p => p.Given).Where(l => owned.Contains(l.ThingId)).GroupBy(l => l.ThingId)
                .ToDictionary(g => g.Key, g => g.Sum(l => l.AmountCents));
            Assert.Equal(fromGivers.OrderBy(p => p.Key), page.Received.Select(l => KeyValuePair.Create(l.ThingId, l.AmountCents)).OrderBy(p => p.Key));
        }
    }

    static void CheckGiver(StatementPage page, Expected expected, MonthPhase phase, bool rollover)
    {
        Assert.Equal(phase switch
        {
            MonthPhase.Ended => "ended, waiting for settlement",
            MonthPhase.Settling => "being settled",
            _ => "settled",
        }, page.Status);

        // The lines are an account of the money: they add up to what the page says was spent.
        Assert.Equal(page.SpentCents, page.Given.Sum(l => l.AmountCents));
        Assert.Equal(page.Given.Count == 0 ? null : page.SpentCents, page.GivenTotalCents);

        var want = new List<StatementPageLine>();
        if (expected.FeeCents > 0)
        {
            want.Add(new StatementPageLine("DepositFee", 0, expected.FeeCents));
        }

        var noClicks = expected.Things.Count == 0;
        if (rollover && noClicks && expected.SpendCents > 0 && phase != MonthPhase.Ended)
        {
            want.Add(new StatementPageLine("KeptForNextMonth", 0, 0));
        }

        if (phase == MonthPhase.Settled && !rollover && noClicks && expected.SpendCents > 0)
        {
            want.Add(new StatementPageLine("Charity", 0, expected.SpendCents));
        }

        var shares = page.Given.Where(l => l.Kind is "Share" or "Subscription").ToList();
        Assert.Equal(want.OrderBy(l => l.Kind), page.Given.Except(shares).OrderBy(l => l.Kind));
        if (phase != MonthPhase.Settled || noClicks || expected.SpendCents == 0)
        {
            Assert.Empty(shares);
            return;
        }

        // Settled with clicks: one line per thing, of the kind it was clicked by, together the month's spend.
        Assert.Equal(expected.Things.OrderBy(t => t.Key), shares.Select(l => KeyValuePair.Create(l.ThingId, l.Kind)).OrderBy(t => t.Key));
        Assert.Equal(expected.SpendCents, shares.Sum(l => l.AmountCents));
    }

    static async Task CheckDashboardsAsync(Month month, StatementMonthCase scenario, List<TestUser> users, List<HttpClient> clients)
    {
        foreach (var owner in scenario.ThingOwners.Distinct())
        {
            var statement = await StatementPage.GetAsync(clients[owner], month);
            var dashboard = await clients[owner].GetStringAsync("/dashboard");
            var point = Regex.Match(dashboard, $"{Regex.Escape(RequestCultures.ShortMonth(month, "en"))}\\|(\\d+)\\|(\\d+)", RegexOptions.None, TimeSpan.FromSeconds(1));
            Assert.True(point.Success, $"The dashboard of {users[owner].Username} has no point for {month}.");
            Assert.Equal(statement.ReceivedCents.ToString(System.Globalization.CultureInfo.InvariantCulture), point.Groups[2].Value);
        }
    }

    enum MonthPhase
    {
        Ended,
        Settling,
        Settled,
    }

    /// <summary>The model: the month's deposit fee, min(budget, balance), and the things paid for with the kind of their click.</summary>
    sealed record Expected(long UserId, long FeeCents, long SpendCents, Dictionary<long, string> Things);
}
