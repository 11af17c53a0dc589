using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Flattr.Api;
using Flattr.Things;
using Flattr.Web.Tests.Statements;
using Flattr.Web.Tests.Support;

namespace Flattr.Web.Tests.Earnings;

/// <summary>
/// <c>GET</c> and <c>POST /rest/v2/user/payouts</c> over HTTP on the app whose clock the monthly tests move (a payout needs a
/// settled month): scopes, Flattr's error bodies, Idempotency-Key, and concurrent requests for the whole balance.
/// </summary>
[Collection(MonthlyAppCollection.Name)]
public sealed class PayoutApiTests(MonthlyApp app)
{
    const string Path = "/rest/v2/user/payouts";

    /// <summary>A creator with a bank account whose thing earned <paramref name="cents"/> in a month now settled.</summary>
    async Task<TestUser> EarnerAsync(long cents)
    {
        var month = app.StartNextMonth();
        var creator = await app.App.CreateUserAsync("api_earner");
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id,
            new ThingSubmission($"https://example.org/{Guid.NewGuid():N}", "An API-paid post", "Words.", ThingCategories.Text));
        var giver = await app.App.CreateUserAsync("api_patron", depositCents: cents * 2, budgetCents: cents);
        await app.Grains.GetWallet(giver.Id, month).Flattr(thing.Id, anonymous: false);
        app.EndMonth(month);
        await app.SettleAsync(month);
        await app.Grains.GetPayouts(creator.Id).SetAccount("NL91 ABNA 0417 1643 00", "Ada Earner");
        return creator;
    }

    async Task<HttpClient> ClientAsync(TestUser user, params string[] scopes)
    {
        var token = await app.Grains.GetAccessTokens(user.Id).CreatePersonal("payout tests", [.. scopes]);
        var client = app.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        return client;
    }

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await BodyAsync(response);
        Assert.Equal((status, code), (response.StatusCode, body.GetProperty("error").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error_description").GetString()));
    }

    [Fact]
    public async Task Reading_needs_extendedread_paying_out_needs_the_payout_scope_and_everything_available_is_paid_by_default()
    {
        var creator = await EarnerAsync(1_500);
        using var reader = await ClientAsync(creator, ApiScopes.ExtendedRead);
        using var payer = await ClientAsync(creator, ApiScopes.Payout);

        using var listed = await reader.GetAsync(new Uri(Path, UriKind.Relative));
        using var readerPays = await reader.PostAsync(new Uri(Path, UriKind.Relative), Json("{}"));
        using var payerReads = await payer.GetAsync(new Uri(Path, UriKind.Relative));
        using var paid = await payer.PostAsync(new Uri(Path, UriKind.Relative), null);
        using var after = await reader.GetAsync(new Uri(Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal((1_500, 1_000), ((await BodyAsync(listed)).GetProperty("available_cents").GetInt32(), (await BodyAsync(listed)).GetProperty("minimum_cents").GetInt32()));
        await AssertErrorAsync(readerPays, HttpStatusCode.Forbidden, "insufficient_scope");
        await AssertErrorAsync(payerReads, HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        var payout = await BodyAsync(paid);
        Assert.Equal((1_500, "sent", "NL•• •••• 4300"),
            (payout.GetProperty("amount_cents").GetInt32(), payout.GetProperty("status").GetString(), payout.GetProperty("iban").GetString()));
        var listing = await BodyAsync(after);
        Assert.Equal(0, listing.GetProperty("available_cents").GetInt32());
        Assert.Equal(payout.GetProperty("id").GetInt64(), listing.GetProperty("payouts")[0].GetProperty("id").GetInt64());
    }

    [Theory]
    [InlineData("{\"amount_cents\": 10.5}", HttpStatusCode.BadRequest, "invalid_parameters")]
    [InlineData("{\"amount_cents\": -500}", HttpStatusCode.BadRequest, "invalid_parameters")]
    [InlineData("{\"amount_cents\": 0}", HttpStatusCode.BadRequest, "invalid_parameters")]
    [InlineData("{\"amount_cents\": \"ten\"}", HttpStatusCode.BadRequest, "invalid_parameters")]
    [InlineData("{\"amount_cents\": 1201}", HttpStatusCode.Unauthorized, "no_means")]
    public async Task Fractional_negative_and_over_balance_amounts_get_flattr_errors_and_pay_nothing(string body, HttpStatusCode status, string code)
    {
        var creator = await EarnerAsync(1_200);
        using var client = await ClientAsync(creator, ApiScopes.Payout);

        using var response = await client.PostAsync(new Uri(Path, UriKind.Relative), Json(body));

        await AssertErrorAsync(response, status, code);
        Assert.Equal(1_200, await app.Grains.GetUser(creator.Id).GetBalance());
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_replays_the_payout_and_concurrent_requests_for_the_whole_balance_pay_once()
    {
        var creator = await EarnerAsync(2_500);
        using var client = await ClientAsync(creator, ApiScopes.Payout);

        async Task<HttpResponseMessage> PostAsync(string body, string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Path, UriKind.Relative)) { Content = Json(body) };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            return await client.SendAsync(request);
        }

        using var first = await PostAsync("{\"amount_cents\": 1200}", "payout-1");
        using var retry = await PostAsync("{\"amount_cents\": 1200}", "payout-1");
        var racing = await Task.WhenAll(PostAsync("{}", null), PostAsync("{\"amount_cents\": 1300}", null));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Single(racing, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single(racing, r => r.StatusCode == HttpStatusCode.Unauthorized);
        await AssertErrorAsync(racing.Single(r => r.StatusCode == HttpStatusCode.Unauthorized), HttpStatusCode.Unauthorized, "no_means");
        Assert.Equal(2, (await app.Grains.GetPayouts(creator.Id).List()).Length);
        Assert.Equal(0, await app.Grains.GetUser(creator.Id).GetBalance());
        foreach (var response in racing)
        {
            response.Dispose();
        }
    }
}
