using System.Collections.Immutable;
using System.Globalization;
using Flattr.Things;
using Flattr.Web.Tests.Support;

namespace Flattr.Web.Tests.EndToEnd;

/// <summary>
/// Click → creator's dashboard latency in a real browser. A giver's first-party page sends flattrs on a fixed schedule
/// (open loop, one every 120 ms) and notes <c>Date.now()</c> at each send; the dashboard, open in another browser context
/// on the same machine, notes <c>Date.now()</c> when each click arrives. The warm-up clicks are discarded.
/// </summary>
[Collection(FlattrAppCollection.Name)]
public sealed class LatencyTests(FlattrApp app, Browser browser, ITestOutputHelper output)
{
    const int WarmUp = 5;
    const int Measured = 40;

    [Fact]
    public async Task Every_click_reaches_the_creators_dashboard_and_the_latency_is_reported()
    {
        var creator = await app.CreateUserAsync("busy");
        var giver = await app.CreateUserAsync("fan", depositCents: 5000, budgetCents: 5000);
        var registry = app.Grains.GetThingRegistry();
        var ids = new List<long>();
        for (var i = 0; i < WarmUp + Measured; i++)
        {
            var thing = await registry.Register(creator.Id, new ThingSubmission(
                $"https://busy.example.org/{Guid.NewGuid():N}", $"Episode {i + 1:D2} of a busy podcast", Category: "audio"));
            ids.Add(thing.Id);
        }

        await using var creatorContext = await browser.NewContextAsync();
        var dashboard = await BrowserSteps.SignInAsync(creatorContext, app, creator, "/dashboard");
        await BrowserSteps.WaitForLiveAsync(dashboard);
        await using var giverContext = await browser.NewContextAsync();
        var giverPage = await BrowserSteps.SignInAsync(giverContext, app, giver);

        await giverPage.EvaluateAsync("""
            ids => {
              window.sentAt = {};
              ids.forEach((id, i) => setTimeout(() => {
                window.sentAt[id] = Date.now();
                FlattrApi.post("/things/" + id + "/flattr");
              }, i * 120));
            }
            """, ids);
        await dashboard.WaitForFunctionAsync(
            "n => (window.flattrTickerReceived || []).filter(r => r.kind === 'flattr').length >= n", ids.Count,
            new() { Timeout = 30_000 });

        var sent = await giverPage.EvaluateAsync<Dictionary<string, double>>("() => window.sentAt");
        var received = await dashboard.EvaluateAsync<ReceivedClick[]>("() => window.flattrTickerReceived");
        var latencies = ids.Skip(WarmUp)
            .Select(id => received.First(r => r.ThingId == id).ReceivedAt - sent[id.ToString(CultureInfo.InvariantCulture)])
            .Order()
            .ToImmutableArray();
        Assert.Equal(Measured, latencies.Length);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"click-to-dashboard latency over {Measured} clicks (after {WarmUp} warm-up): p50 {Percentile(latencies, 0.50):F0} ms, " +
            $"p90 {Percentile(latencies, 0.90):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms, max {latencies[^1]:F0} ms"));
    }

    /// <summary>Nearest-rank percentile.</summary>
    static double Percentile(ImmutableArray<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public sealed class ReceivedClick
    {
        public long ThingId { get; set; }

        public string Kind { get; set; } = string.Empty;

        public double ReceivedAt { get; set; }
    }
}
