using System.Net;
using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Abuse;

/// <summary>
/// The click rules under abuse through the real endpoint: each refusal has its Flattr error code and changes nothing
/// (a state fingerprint of every table is equal before and after), and a second click never counts.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class ClickAbuseTests(FaultsApp app) : LedgerAuditedTests(app)
{
    [Fact]
    public async Task Flattring_ones_own_thing_is_refused_and_changes_nothing()
    {
        using var creator = await App.GiverAsync();
        var thing = await App.CreateThingAsync(creator.User);
        await AssertRefusedAsync(creator, thing, HttpStatusCode.Forbidden, "flattr_owner");
    }

    [Fact]
    public async Task Flattring_twice_counts_once()
    {
        using var owner = await App.MemberAsync("owner");
        using var giver = await App.GiverAsync();
        var thing = await App.CreateThingAsync(owner.User);
        using (var first = await giver.FlattrAsync(thing))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await AssertRefusedAsync(giver, thing, HttpStatusCode.Forbidden, "flattr_once");
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM clicks WHERE giver_id = $1 AND thing_id = $2", giver.Id, thing));

        // Many at once from one giver: still one.
        var racing = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => giver.FlattrAsync(thing)));
        Assert.All(racing, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(1, await CountAsync("SELECT clicks FROM thing_month_counts WHERE thing_id = $1", thing));
        Tally.Check(2);
        await Invariants.AssertCountsMatchClicksAsync(App.Database);
    }

    [Fact]
    public async Task Many_givers_racing_on_one_thing_each_count_exactly_once()
    {
        using var owner = await App.MemberAsync("owner");
        var thing = await App.CreateThingAsync(owner.User);
        var givers = new List<Member>();
        for (var i = 0; i < 6; i++)
        {
            givers.Add(await App.GiverAsync());
        }

        try
        {
            // Every giver fires 8 identical flattrs at once: exactly one of each giver's is acknowledged.
            var answers = await Task.WhenAll(givers.SelectMany(g => Enumerable.Range(0, 8).Select(async _ =>
            {
                using var response = await g.FlattrAsync(thing);
                return (g.Id, response.StatusCode);
            })));
            foreach (var giver in givers)
            {
                Assert.Equal(1, answers.Count(a => a.Id == giver.Id && a.StatusCode == HttpStatusCode.OK));
                Assert.Equal(7, answers.Count(a => a.Id == giver.Id && a.StatusCode == HttpStatusCode.Forbidden));
            }

            Assert.Equal(givers.Count, await CountAsync("SELECT clicks FROM thing_month_counts WHERE thing_id = $1", thing));
            Tally.Check();
            await Invariants.AssertCountsMatchClicksAsync(App.Database);
            await Invariants.AssertLedgerAuditOkAsync(App.Database);
        }
        finally
        {
            givers.ForEach(g => g.Dispose());
        }
    }

    [Fact]
    public async Task Flattring_a_deleted_thing_is_refused_and_changes_nothing()
    {
        using var owner = await App.MemberAsync("owner");
        using var giver = await App.GiverAsync();
        var thing = await App.CreateThingAsync(owner.User);
        await App.Grains.GetThing(thing).Delete(owner.Id);
        await AssertRefusedAsync(giver, thing, HttpStatusCode.Gone, "thing_inactive");

        // Nor through the first-party confirmation window.
        var before = await App.FingerprintAsync();
        using var confirm = await giver.PostAsync($"/button/confirm?thing={thing}");
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("thing_inactive", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await App.FingerprintAsync());
        Tally.Check();
    }

    [Fact]
    public async Task Flattring_an_unknown_thing_is_404_and_changes_nothing()
    {
        using var giver = await App.GiverAsync();
        await AssertRefusedAsync(giver, 987_654_321, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Without_money_or_budget_a_flattr_is_refused_and_changes_nothing()
    {
        using var owner = await App.MemberAsync("owner");
        using var broke = await App.MemberAsync("broke");
        var thing = await App.CreateThingAsync(owner.User);
        await AssertRefusedAsync(broke, thing, HttpStatusCode.Unauthorized, "no_means");
    }

    [Fact]
    public async Task Anonymous_visitors_cannot_flattr()
    {
        using var owner = await App.MemberAsync("owner");
        var thing = await App.CreateThingAsync(owner.User);
        using var visitor = App.Visitor();
        var token = await visitor.TokenAsync($"/things/{thing}");
        var before = await App.FingerprintAsync();
        using var response = await visitor.FlattrAsync(thing, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", await WebSession.ErrorCodeAsync(response));
        Assert.Equal(before, await App.FingerprintAsync());
        Tally.Check();
    }

    [Fact]
    public async Task A_hidden_thing_takes_flattrs_through_its_button_but_is_never_listed()
    {
        using var owner = await App.MemberAsync("owner");
        using var giver = await App.GiverAsync();
        var title = "Hidden " + Guid.NewGuid().ToString("N")[..10];
        var thing = (await App.Grains.GetThingRegistry().Register(owner.Id, new Things.ThingSubmission(
            $"https://example.org/hidden/{Guid.NewGuid():N}", title, "Not listed.", Things.ThingCategories.Text, "en_GB", ["hiddentag"], Hidden: true))).Id;

        // Hidden only means "not in public listings" (the design's rule): its button works.
        using (var flattr = await giver.FlattrAsync(thing))
        {
            Assert.Equal(HttpStatusCode.OK, flattr.StatusCode);
        }

        // Listings link to the things they list; the search echoes its query, so look for the link, not the title.
        using var visitor = App.Visitor();
        var link = $"href=\"/things/{thing}\"";
        foreach (var listing in new[] { "/browse", "/browse?category=text", $"/search?q={title}", "/tags/hiddentag", $"/profile/{owner.User.Username}", "/trending", "/activity" })
        {
            var html = await visitor.Http.GetStringAsync(listing);
            Assert.False(html.Contains(link, StringComparison.Ordinal), $"{listing} lists the hidden thing");
        }

        // The thing's own page exists (its button works), so the check above would have seen a listed thing.
        Assert.Contains(title, await visitor.Http.GetStringAsync($"/things/{thing}"), StringComparison.Ordinal);
        Tally.Check();
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
    }

    async Task AssertRefusedAsync(Member member, long thing, HttpStatusCode status, string code)
    {
        var before = await App.FingerprintAsync();
        using var response = await member.FlattrAsync(thing);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, await WebSession.ErrorCodeAsync(response));
        Assert.Equal(before, await App.FingerprintAsync());
        Tally.Check();
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
    }

    async Task<long> CountAsync(string sql, params object[] parameters)
    {
        await using var command = App.Database.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
