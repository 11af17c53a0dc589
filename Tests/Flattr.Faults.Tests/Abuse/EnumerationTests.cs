using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Flattr.Faults.Tests.Support;
using Flattr.Web.Tests.Support;

namespace Flattr.Faults.Tests.Abuse;

/// <summary>
/// Nobody learns from Flattr whether an e-mail address has an account: sign-in answers an unknown address exactly as a wrong
/// password (same page, similar time), and sign-up with a registered address answers exactly as with a new one (the
/// address's owner is told by mail instead). Usernames are public (profile pages), so "username taken" may be said.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed partial class EnumerationTests(FaultsApp app) : LedgerAuditedTests(app)
{
    [Fact]
    public async Task Sign_in_answers_an_unknown_address_exactly_as_a_wrong_password_and_in_similar_time()
    {
        var known = await App.App.CreateUserAsync("known");
        using var client = App.Visitor();
        var unknownTimes = new List<double>();
        var knownTimes = new List<double>();
        string? unknownAnswer = null;
        string? knownAnswer = null;
        for (var i = 0; i < 6; i++)
        {
            (unknownAnswer, var unknownTime) = await AttemptAsync(client, $"nobody{Guid.NewGuid():N}@example.org");
            (knownAnswer, var knownTime) = await AttemptAsync(client, known.Username + "@example.org");
            unknownTimes.Add(unknownTime);
            knownTimes.Add(knownTime);
        }

        Assert.Equal(knownAnswer, unknownAnswer);
        // Both sides hash a password (a large fraction of a CPU-second); without that, an unknown address answered ~100x faster.
        // The bounds are wide because CI runs other test projects beside this one.
        var ratio = Median(unknownTimes) / Median(knownTimes);
        Assert.InRange(ratio, 0.33, 3.0);
        Tally.Check(2);
    }

    [Fact]
    public async Task Sign_up_with_a_registered_address_answers_exactly_as_with_a_new_one_and_creates_nothing()
    {
        var existing = await App.App.CreateUserAsync("existing");
        using var client = App.Visitor();

        using var fresh = await SignUpAsync(client, "fresh" + Suffix(), $"fresh{Suffix()}@example.org");
        var before = await App.FingerprintAsync();
        using var taken = await SignUpAsync(client, "again" + Suffix(), existing.Username + "@example.org");

        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal(fresh.StatusCode, taken.StatusCode);
        Assert.Equal(fresh.Headers.Location!.OriginalString.Split('?')[0], taken.Headers.Location!.OriginalString.Split('?')[0]);
        Assert.Equal(before, await App.FingerprintAsync());

        // The owner of the address hears about it; the one who tried learns nothing.
        var outbox = await client.Http.GetStringAsync("/dev/outbox");
        Assert.Contains(existing.Username + "@example.org", outbox, StringComparison.Ordinal);
        Tally.Check(2);
    }

    [Fact]
    public async Task Sign_up_with_a_taken_username_says_so_because_usernames_are_public()
    {
        var existing = await App.App.CreateUserAsync("public");
        using var client = App.Visitor();
        var before = await App.FingerprintAsync();
        using var taken = await SignUpAsync(client, existing.Username, $"other{Suffix()}@example.org");
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("class=\"field-error\"", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await App.FingerprintAsync());
        Tally.Check();
    }

    async Task<(string Answer, double Milliseconds)> AttemptAsync(WebSession client, string login)
    {
        var token = await client.TokenAsync("/signin");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = login, ["Password"] = "not the password", [WebSession.FormTokenField] = token,
        });
        var watch = Stopwatch.StartNew();
        using var response = await client.Http.PostAsync("/signin", form);
        var html = await response.Content.ReadAsStringAsync();
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ($"{(int)response.StatusCode} {Alert().Match(html).Value}", watch.Elapsed.TotalMilliseconds);
    }

    static async Task<HttpResponseMessage> SignUpAsync(WebSession client, string username, string email) =>
        await client.PostFormAsync("/signup", "/signup", new() { ["Username"] = username, ["Email"] = email, ["Password"] = FlattrApp.Password });

    static string Suffix() => Guid.NewGuid().ToString("N")[..8];

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    [GeneratedRegex("<div class=\"notice error\" role=\"alert\">[^<]*</div>")]
    private static partial Regex Alert();
}
