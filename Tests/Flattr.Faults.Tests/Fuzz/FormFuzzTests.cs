using System.Globalization;
using System.Net;
using Flattr.Faults.Tests.Support;
using Flattr.Web.Tests.Support;

namespace Flattr.Faults.Tests.Fuzz;

/// <summary>
/// Every form of the site posted with random and boundary values (valid antiforgery token, real signed-in members):
/// never a 5xx, and a refused post changes nothing. Sign-in and the language switch must never redirect off-site.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class FormFuzzTests(FaultsApp app, ITestOutputHelper output) : LedgerAuditedTests(app)
{
    [Fact]
    public async Task Sign_up_with_fuzzed_fields_never_fails_and_refusals_change_nothing()
    {
        var fuzz = new FuzzRunner(App, new FuzzValues(FuzzRunner.Seed(101)), output);
        var v = fuzz.Values;
        using var visitor = App.Visitor();
        for (var i = 0; i < 60; i++)
        {
            var fields = Fields(v, ("Username", () => v.Chance(0.3) ? "fuzz" + v.Next(1_000_000) : v.Text()),
                ("Email", () => v.Chance(0.3) ? $"fuzz{v.Next(1_000_000)}@example.org" : v.Text()), ("Password", v.Text));
            await fuzz.SendAsync($"POST /signup {Describe(fields)}", () => visitor.PostFormAsync("/signup", "/signup", fields),
                FuzzRunner.RefusedUnlessRedirect);
        }

        fuzz.AssertClean();
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
    }

    [Fact]
    public async Task Sign_in_with_fuzzed_fields_never_fails_never_changes_anything_and_never_redirects_off_site()
    {
        // A successful sign-in opens a server-side session (a user_sessions row): that is what it is for, not a change of data.
        var fuzz = new FuzzRunner(App, new FuzzValues(FuzzRunner.Seed(102)), output, "user_sessions");
        var v = fuzz.Values;
        var member = await App.App.CreateUserAsync("fuzzed");
        for (var i = 0; i < 40; i++)
        {
            // Half with the right credentials, so the return URL is followed: it must stay on this site.
            var right = i % 2 == 0;
            var fields = Fields(v, ("Login", () => right ? member.Username : v.Text()), ("Password", () => right ? FlattrApp.Password : v.Text()),
                ("ReturnUrl", () => v.Chance(0.5) ? v.Pick(HostileReturnUrls) : v.Url()));
            using var session = App.Visitor();
            await fuzz.SendAsync($"POST /signin {Describe(fields)}", async () =>
            {
                var response = await session.PostFormAsync("/signin", "/signin", fields);
                CheckLocal(fuzz, response, "/signin");
                return response;
            }, FuzzRunner.NeverChanges);
        }

        fuzz.AssertClean();
    }

    [Fact]
    public async Task Thing_forms_with_fuzzed_fields_never_fail_and_refusals_change_nothing()
    {
        var fuzz = new FuzzRunner(App, new FuzzValues(FuzzRunner.Seed(103)), output);
        var v = fuzz.Values;
        using var owner = await App.MemberAsync("fuzzowner");
        using var other = await App.MemberAsync("fuzzother");
        var things = new List<long> { await App.CreateThingAsync(owner.User), await App.CreateThingAsync(owner.User), await App.CreateThingAsync(other.User) };
        for (var i = 0; i < 60; i++)
        {
            var fields = ThingFields(v, withUrl: true);
            await fuzz.SendAsync($"POST /things/new {Describe(fields)}", () => owner.PostAsync("/things/new", fields), FuzzRunner.RefusedUnlessRedirect);
        }

        for (var i = 0; i < 60; i++)
        {
            var id = v.Id(things);
            var fields = ThingFields(v, withUrl: v.Chance(0.2));
            await fuzz.SendAsync($"POST /things/{id}/edit {Describe(fields)}", () => owner.PostAsync($"/things/{Uri.EscapeDataString(id)}/edit", fields),
                FuzzRunner.RefusedUnlessRedirect);
        }

        for (var i = 0; i < 10; i++)
        {
            // Deleting someone else's thing, or one that does not exist, or the same one twice.
            var id = v.Chance(0.5) ? things[2].ToString(CultureInfo.InvariantCulture) : v.Id(things);
            await fuzz.SendAsync($"POST /things/{id}/edit?handler=Delete", () => owner.PostAsync($"/things/{Uri.EscapeDataString(id)}/edit?handler=Delete"),
                FuzzRunner.RefusedUnlessRedirect);
        }

        fuzz.AssertClean();
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
    }

    [Fact]
    public async Task Giver_forms_with_fuzzed_fields_never_fail_and_refusals_change_nothing()
    {
        var fuzz = new FuzzRunner(App, new FuzzValues(FuzzRunner.Seed(104)), output);
        var v = fuzz.Values;
        using var owner = await App.MemberAsync("fuzzcreator");
        using var giver = await App.GiverAsync();
        var things = new List<long> { await App.CreateThingAsync(owner.User), await App.CreateThingAsync(owner.User) };
        using (var flattr = await giver.FlattrAsync(things[0]))
        {
            Assert.Equal(HttpStatusCode.OK, flattr.StatusCode);
        }

        var actions = new (string Handler, string Field, Func<string> Value)[]
        {
            ("Budget", "amountCents", v.Number), ("TopUp", "amount", v.Number), ("Undo", "thingId", () => v.Id(things)),
            ("CancelSubscription", "thingId", () => v.Id(things)), ("Pause", "ignored", v.Text),
        };
        for (var i = 0; i < 120; i++)
        {
            var (handler, field, value) = v.Pick(actions);
            var fields = Fields(v, (field, value));
            await fuzz.SendAsync($"POST /me?handler={handler} {Describe(fields)}", () => giver.PostAsync($"/me?handler={handler}", fields),
                async response => response.StatusCode != HttpStatusCode.Redirect || await NoticeIsErrorAsync(giver));
        }

        for (var i = 0; i < 40; i++)
        {
            var id = v.Id(things);
            var fields = Fields(v, ("term", () => v.Chance(0.5) ? v.Pick(["0", "3", "6", "12", "ThreeMonths", "1", "2", "5", "24", "-3", "2147483647"]) : v.Text()));
            await fuzz.SendAsync($"POST /things/{id}?handler=Subscribe {Describe(fields)}",
                () => giver.PostAsync($"/things/{Uri.EscapeDataString(id)}?handler=Subscribe", fields),
                async response => !response.IsSuccessStatusCode
                    || (await response.Content.ReadAsStringAsync()).Contains("class=\"notice error\"", StringComparison.Ordinal));
        }

        fuzz.AssertClean();
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
        await Invariants.AssertCountsMatchClicksAsync(App.Database);
    }

    [Fact]
    public async Task Confirmation_and_language_posts_with_fuzzed_fields_never_fail_and_refusals_change_nothing()
    {
        var fuzz = new FuzzRunner(App, new FuzzValues(FuzzRunner.Seed(105)), output);
        var v = fuzz.Values;
        using var owner = await App.MemberAsync("fuzzconfirm");
        using var giver = await App.GiverAsync();
        var things = new List<long> { await App.CreateThingAsync(owner.User), await App.CreateThingAsync(owner.User) };
        for (var i = 0; i < 60; i++)
        {
            var query = Microsoft.AspNetCore.Http.QueryString.Create(new Dictionary<string, string?>
            {
                ["thing"] = v.Chance(0.5) ? v.Id(things) : null, ["url"] = v.Chance(0.6) ? v.Url() : null,
                ["user_id"] = v.Chance(0.5) ? (v.Chance(0.5) ? owner.User.Username : v.Text()) : null, ["title"] = v.Chance(0.5) ? v.Text() : null,
                ["description"] = v.Chance(0.3) ? v.Text() : null, ["tags"] = v.Chance(0.3) ? v.Text() : null, ["category"] = v.Chance(0.3) ? v.Text() : null,
                ["language"] = v.Chance(0.3) ? v.Text() : null, ["hidden"] = v.Chance(0.3) ? v.Text() : null,
            }.Where(p => p.Value is not null)).ToString();
            var handler = v.Chance(0.2) ? "&handler=Undo" : string.Empty;
            var fields = Fields(v, ("Anonymous", () => v.Chance(0.5) ? "true" : v.Text()));
            await fuzz.SendAsync($"POST /button/confirm{query}{handler}", () => giver.PostAsync("/button/confirm" + query + handler, fields),
                async response => !response.IsSuccessStatusCode
                    || !(await response.Content.ReadAsStringAsync()).Contains("data-type=\"flattr:done\"", StringComparison.Ordinal)
                        && !handler.Contains("Undo", StringComparison.Ordinal));
        }

        for (var i = 0; i < 30; i++)
        {
            var fields = Fields(v, ("language", () => v.Chance(0.4) ? v.Pick(["en", "fr", "de", "es", "EN", "fr-FR"]) : v.Text()),
                ("returnUrl", () => v.Chance(0.6) ? v.Pick(HostileReturnUrls) : v.Url()));
            await fuzz.SendAsync($"POST /language {Describe(fields)}", async () =>
            {
                var response = await giver.PostAsync("/language", fields);
                CheckLocal(fuzz, response, "/language");
                return response;
            }, FuzzRunner.NeverChanges);
        }

        fuzz.AssertClean();
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
        await Invariants.AssertCountsMatchClicksAsync(App.Database);
    }

    static readonly string[] HostileReturnUrls =
    [
        "https://evil.example/", "//evil.example", "/\\evil.example", "\\\\evil.example", "/%2F%2Fevil.example", "http:evil.example",
        "javascript:alert(1)", "/ /evil.example", "%2F%2Fevil.example", "/me", "", "https:/evil.example", "\t//evil.example", "/\t/evil.example",
    ];

    static void CheckLocal(FuzzRunner fuzz, HttpResponseMessage response, string what)
    {
        if (response.Headers.Location is { } location)
        {
            var text = location.OriginalString;
            var local = text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal) && !text.StartsWith("/\\", StringComparison.Ordinal);
            if (!local)
            {
                fuzz.Violation($"{what} redirected off-site to '{text}'");
            }
        }
    }

    static Dictionary<string, string> ThingFields(FuzzValues v, bool withUrl)
    {
        var fields = Fields(v, ("Form.Title", () => v.Chance(0.3) ? "A fuzzed thing " + v.Next(1000) : v.Text()), ("Form.Description", v.Text),
            ("Form.Category", () => v.Chance(0.5) ? v.Pick(["text", "images", "video", "audio", "software", "people", "rest"]) : v.Text()),
            ("Form.Language", () => v.Chance(0.5) ? v.Pick(["en_GB", "fr_FR", "de_DE", "xx_XX"]) : v.Text()),
            ("Form.Tags", () => v.Chance(0.3) ? string.Join(',', Enumerable.Range(0, v.Next(40)).Select(n => "t" + n)) : v.Text()),
            ("Form.Hidden", () => v.Chance(0.5) ? "true" : v.Text()));
        if (withUrl)
        {
            fields["Form.Url"] = v.Chance(0.4) ? $"https://example.org/fuzz/{Guid.NewGuid():N}" : v.Url();
        }

        return fields;
    }

    /// <summary>Each field usually present with a fuzzed value, sometimes missing.</summary>
    static Dictionary<string, string> Fields(FuzzValues v, params (string Name, Func<string> Value)[] fields) =>
        fields.Where(_ => v.Chance(0.9)).ToDictionary(f => f.Name, f => f.Value());

    static async Task<bool> NoticeIsErrorAsync(Member member)
    {
        var html = await member.Session.Http.GetStringAsync("/me");
        return html.Contains("class=\"notice error\"", StringComparison.Ordinal) || !html.Contains("id=\"notice\"", StringComparison.Ordinal);
    }

    static string Describe(Dictionary<string, string> fields) =>
        string.Join("&", fields.Select(f => f.Key + "=" + (f.Value.Length > 40 ? $"<{f.Value.Length} chars>" : f.Value)));
}
