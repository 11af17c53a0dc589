using System.Net;
using Flattr.Faults.Tests.Support;

namespace Flattr.Faults.Tests.Abuse;

/// <summary>
/// Auto-submit links and unregistered buttons name their owner in the link itself (<c>user_id=…&amp;url=…</c>), so anyone can
/// write one claiming someone else's page. A forged link for a registered URL (in any spelling of it) flattrs the thing's
/// real owner and creates nothing; a link for an owner who does not exist creates nothing either.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class AutoSubmitForgeryTests(FaultsApp app) : LedgerAuditedTests(app)
{
    [Fact]
    public async Task A_forged_link_claiming_a_registered_url_flattrs_its_real_owner_and_creates_nothing()
    {
        using var victim = await App.MemberAsync("victim");
        using var attacker = await App.MemberAsync("attacker");
        var path = $"/blog/{Guid.NewGuid():N}";
        var thing = await App.CreateThingAsync(victim.User, url: "https://victim.example.org" + path);

        // The same page in other spellings: upper-case scheme and host, the default port, a fragment.
        string[] spellings =
        [
            "https://victim.example.org" + path, "HTTPS://VICTIM.EXAMPLE.ORG" + path, "https://victim.example.org:443" + path,
            "https://victim.example.org" + path + "#comments",
        ];
        var before = await App.FingerprintAsync();
        using var visitor = App.Visitor();
        foreach (var url in spellings)
        {
            var query = Forged(attacker.User.Username, url);
            using (var submit = await visitor.Http.GetAsync("/submit/auto" + query))
            {
                Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
                Assert.Equal($"/things/{thing}", submit.Headers.Location!.OriginalString);
            }

            var frame = await visitor.Http.GetStringAsync("/button/view" + query);
            Assert.Contains($"/button/confirm?thing={thing}", frame, StringComparison.Ordinal);
            var popup = await visitor.Http.GetStringAsync("/button/confirm" + query);
            Assert.Contains($"by {victim.User.Username}", popup, StringComparison.Ordinal);
            Assert.DoesNotContain($"by {attacker.User.Username}", popup, StringComparison.Ordinal);
        }

        Assert.Equal(before, await App.FingerprintAsync());

        // A giver confirming the forged link flattrs the victim's thing; the attacker gets no thing of their own.
        using var giver = await App.GiverAsync();
        var confirmUrl = "/button/confirm" + Forged(attacker.User.Username, spellings[1]);
        using (var confirm = await giver.Session.PostFormAsync(confirmUrl, confirmUrl, []))
        {
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
            Assert.Contains($"data-thing=\"{thing}\"", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(1, await ScalarAsync($"SELECT count(*) FROM clicks WHERE giver_id = {giver.Id} AND thing_id = {thing}"));
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM things WHERE owner_id = {attacker.Id}"));
        Tally.Check(2);
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
    }

    [Fact]
    public async Task A_link_for_an_owner_who_does_not_exist_creates_nothing()
    {
        using var giver = await App.GiverAsync();
        var confirmUrl = "/button/confirm" + Forged("nobody_" + Guid.NewGuid().ToString("N")[..10], $"https://example.org/orphan/{Guid.NewGuid():N}");
        var before = await App.FingerprintAsync();
        using (var confirm = await giver.Session.PostFormAsync(confirmUrl, confirmUrl, []))
        {
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
            Assert.Contains("data-code=\"not_found\"", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await App.FingerprintAsync());
        Tally.Check();
    }

    [Fact]
    public async Task A_giver_without_means_creates_no_thing_by_confirming_an_auto_submit_link()
    {
        using var creator = await App.MemberAsync("creator");
        using var broke = await App.MemberAsync("broke");
        var confirmUrl = "/button/confirm" + Forged(creator.User.Username, $"https://example.org/new/{Guid.NewGuid():N}");
        var before = await App.FingerprintAsync();
        using (var confirm = await broke.Session.PostFormAsync(confirmUrl, confirmUrl, []))
        {
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
            Assert.Contains("data-code=\"no_means\"", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await App.FingerprintAsync());
        Tally.Check();
    }

    static string Forged(string owner, string url) => QueryStringOf(new()
    {
        ["user_id"] = owner, ["url"] = url, ["title"] = "Definitely mine", ["category"] = "text", ["language"] = "en_GB",
    });

    static string QueryStringOf(Dictionary<string, string?> values) => Microsoft.AspNetCore.Http.QueryString.Create(values).ToString();

    async Task<long> ScalarAsync(string sql)
    {
        await using var command = App.Database.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
