using System.Net;
using System.Text;
using System.Text.Json;
using Flattr.Payments;
using Flattr.Payouts;
using Flattr.Things;
using Flattr.Web.Tests.Statements;

namespace Flattr.Web.Tests.Earnings;

/// <summary><c>POST /payments/sandbox/payouts/webhook</c> over HTTP: the raw body and signature header reach the provider grain.</summary>
[Collection(MonthlyAppCollection.Name)]
public sealed class PayoutWebhookEndpointTests(MonthlyApp app)
{
    [Fact]
    public async Task A_signed_confirmation_posted_ten_times_pays_once_and_a_forged_signature_is_401_with_a_flattr_error()
    {
        var month = app.StartNextMonth();
        var creator = await app.App.CreateUserAsync("hook_earner");
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id,
            new ThingSubmission($"https://example.org/{Guid.NewGuid():N}", "A webhook-paid post", "Words.", ThingCategories.Text));
        var giver = await app.App.CreateUserAsync("hook_patron", depositCents: 4_000, budgetCents: 1_400);
        await app.Grains.GetWallet(giver.Id, month).Flattr(thing.Id, anonymous: false);
        app.EndMonth(month);
        await app.SettleAsync(month);
        var payouts = app.Grains.GetPayouts(creator.Id);
        await payouts.SetAccount("BE68 5390 0754 7034", "Ada Earner");
        var payout = await payouts.Request(null);
        var genuine = await app.Grains.GetSandboxPayouts().CreateSandboxConfirmation(payout.Id, paid: false);
        using var http = app.App.CreateClient();

        async Task<HttpResponseMessage> DeliverAsync(SignedWebhook webhook)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/payments/sandbox/payouts/webhook", UriKind.Relative))
            {
                Content = new StringContent(webhook.Body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(SignedWebhook.SandboxSignatureHeader, webhook.Signature);
            return await http.SendAsync(request);
        }

        var forgedSignature = genuine.Signature[..^4] + (genuine.Signature.EndsWith("0000", StringComparison.Ordinal) ? "1111" : "0000");
        using var forged = await DeliverAsync(genuine with { Signature = forgedSignature });
        var replayed = new List<bool>();
        for (var i = 0; i < 10; i++)
        {
            using var delivered = await DeliverAsync(genuine);
            Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
            replayed.Add(JsonDocument.Parse(await delivered.Content.ReadAsStringAsync()).RootElement.GetProperty("replayed").GetBoolean());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("unauthorized", JsonDocument.Parse(await forged.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal([false, true, true, true, true, true, true, true, true, true], replayed);
        Assert.Equal(PayoutStatus.Failed, (await payouts.List()).Single().Status);
        Assert.Equal(1_400, await app.Grains.GetUser(creator.Id).GetBalance());
        Assert.True((await app.Grains.GetAudit().Run()).Ok);
    }
}
