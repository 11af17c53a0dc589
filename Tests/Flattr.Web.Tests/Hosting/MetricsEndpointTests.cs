using System.Globalization;
using System.Net;
using Flattr.Things;
using Flattr.Web.Button;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Web.Tests.Hosting;

/// <summary>
/// Each node's metrics (Web/Operations/WebTelemetry.cs) in Prometheus text at /metrics: Orleans' messaging instruments, which the
/// benchmark reads to tell messages that crossed silos from local ones, beside ASP.NET Core's and the runtime's. With one silo
/// no message crosses (network messages and pings have no series yet): the local-message counter is the one that moves.
/// </summary>
[Collection(FlattrAppCollection.Name)]
public sealed class MetricsEndpointTests(FlattrApp app)
{
    /// <remarks>
    /// This test process hosts several apps (one silo each) and OpenTelemetry listens to meters by name, so the figures may be
    /// another silo's of the process: the test proves the instruments are exported and counting, not which silo they count.
    /// </remarks>
    [Fact]
    public async Task Metrics_answer_in_prometheus_text_with_orleans_messaging_instruments_after_a_flattr()
    {
        var creator = await app.CreateUserAsync("metered");
        var giver = await app.CreateUserAsync("meterfan", depositCents: 1000);
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission($"https://metrics.example.org/{Guid.NewGuid():N}", "A metered thing"));
        using var client = app.CreateClient();

        var result = await app.Grains.WalletNow(giver.Id, app.Services.GetRequiredService<TimeProvider>()).Flattr(thing.Id, anonymous: false);
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        var metrics = await ScrapeAsync(client);

        Assert.Equal(1, result.ThingTotalClicks);
        Assert.True(Sum(metrics, "orleans_messaging_sent_local_total") > 0, $"no local Orleans messages counted:\n{metrics}");
        Assert.True(Sum(metrics, "http_server_request_duration_seconds_count") > 0, "no ASP.NET Core request counted");
        Assert.True(Sum(metrics, "dotnet_gc_collections_total") > 0, "no runtime metrics");
    }

    static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of every series of a metric (0 when it has none).</summary>
    static double Sum(string metrics, string name) =>
        metrics.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
