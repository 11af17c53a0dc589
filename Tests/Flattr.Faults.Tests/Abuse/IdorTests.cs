using System.Globalization;
using System.Net;
using Flattr.Faults.Tests.Support;
using Flattr.Web.Tests.Support;

namespace Flattr.Faults.Tests.Abuse;

/// <summary>
/// One member reaching for another's objects (insecure direct object references): things they do not own, dashboards,
/// statements, clicks to undo, the live ticker. Every page acts on the signed-in member only, whatever ids a request names.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class IdorTests(FaultsApp app) : LedgerAuditedTests(app)
{
    [Fact]
    public async Task Another_members_thing_cannot_be_edited_or_deleted()
    {
        using var victim = await App.MemberAsync("victim");
        using var attacker = await App.MemberAsync("attacker");
        var thing = await App.CreateThingAsync(victim.User);
        var before = await App.FingerprintAsync();

        using (var form = await attacker.Session.Http.GetAsync($"/things/{thing}/edit"))
        {
            Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
        }

        using (var edit = await attacker.PostAsync($"/things/{thing}/edit", new()
        {
            ["Form.Title"] = "Taken over by someone else", ["Form.Category"] = "text", ["Form.Language"] = "en_GB", ["Form.Hidden"] = "true",
        }))
        {
            Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        }

        using (var delete = await attacker.PostAsync($"/things/{thing}/edit?handler=Delete"))
        {
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        }

        Assert.Equal(before, await App.FingerprintAsync());
        Tally.Check();
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
    }

    [Fact]
    public async Task Private_pages_show_the_signed_in_member_only_whatever_ids_the_request_names()
    {
        using var victim = await App.GiverAsync();
        using var attacker = await App.MemberAsync("attacker");
        var secret = "Secret " + Guid.NewGuid().ToString("N")[..12];
        await App.Grains.GetThingRegistry().Register(victim.Id, new Things.ThingSubmission(
            $"https://example.org/secret/{Guid.NewGuid():N}", secret, "Hidden from everyone but its owner.", Things.ThingCategories.Text, "en_GB", [], Hidden: true));

        // The victim sees it on their own dashboard, so the pages below would show it if they served the victim's data.
        Assert.Contains(secret, await victim.Session.Http.GetStringAsync("/dashboard"), StringComparison.Ordinal);

        var id = victim.Id.ToString(CultureInfo.InvariantCulture);
        // This month: both accounts were opened in it, so it has a statement (an earlier month has none: a 404).
        var month = Month.Current(TimeProvider.System).ToString();
        foreach (var path in new[]
        {
            "/dashboard", $"/dashboard?creatorId={id}&userId={id}&id={id}", "/me", $"/me?userId={id}&giverId={id}",
            $"/me/statements/{month}", $"/me/statements/{month}?userId={id}&giverId={id}", $"/profile/{victim.User.Username}",
        })
        {
            using var response = await attacker.Session.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.False(html.Contains(secret, StringComparison.Ordinal), $"{path} shows the victim's hidden thing to another member");
        }

        Tally.Check();
    }

    [Fact]
    public async Task A_member_cannot_undo_another_members_flattr()
    {
        using var owner = await App.MemberAsync("owner");
        using var victim = await App.GiverAsync();
        using var attacker = await App.GiverAsync();
        var thing = await App.CreateThingAsync(owner.User);
        using (var flattr = await victim.FlattrAsync(thing))
        {
            Assert.Equal(HttpStatusCode.OK, flattr.StatusCode);
        }

        var before = await App.FingerprintAsync();
        using (var undo = await attacker.PostAsync("/me?handler=Undo", new() { ["thingId"] = thing.ToString(CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, undo.StatusCode); // back to the attacker's own page, with an error notice
        }

        using (var popup = await attacker.PostAsync($"/button/confirm?thing={thing}&handler=Undo"))
        {
            Assert.Equal(HttpStatusCode.OK, popup.StatusCode);
            Assert.Contains("flattr:refused", await popup.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await App.FingerprintAsync());
        Tally.Check();
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
    }

    [Fact]
    public async Task A_creators_live_ticker_is_only_for_that_creator()
    {
        using var creator = await App.MemberAsync("creator");
        using var attacker = await App.MemberAsync("attacker");
        await using (var own = await HubWire.ConnectAsync(App.BaseUri, creator.Session.Cookies))
        {
            Assert.Null(await own.InvokeAsync("WatchCreator", creator.Id));
        }

        await using (var other = await HubWire.ConnectAsync(App.BaseUri, attacker.Session.Cookies))
        {
            Assert.Contains("forbidden", await other.InvokeAsync("WatchCreator", creator.Id), StringComparison.Ordinal);
        }

        await using (var anonymous = await HubWire.ConnectAsync(App.BaseUri, null))
        {
            Assert.Contains("forbidden", await anonymous.InvokeAsync("WatchCreator", creator.Id), StringComparison.Ordinal);
        }

        Tally.Check();
    }
}
