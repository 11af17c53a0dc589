using System.Globalization;
using System.Net;
using Flattr.Things;
using Flattr.Web.Button;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Web.Tests.Hosting;

/// <summary>
/// Each node's metrics (Web/Hosting/Telemetry.cs) in Prometheus text at /metrics: Orleans' messaging instruments, which the
/// benchmark reads to tell messages that crossed silos from local ones, beside ASP.NET Core's and the runtime's.
/// </summary>
[Collection(FlattrAppCollection.Name)]
public sealed class MetricsEndpointTests(FlattrApp app)
{
    [Fact]
    public async Task Metrics_answer_in_prometheus_text_with_orleans_local_messages_counted_after_a_flattr()
    {
        var creator = await app.CreateUserAsync("metered");
        var giver = await app.CreateUserAsync("meterfan", depositCents: 1000);
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission($"https://metrics.example.org/{Guid.NewGuid():N}", "A metered thing"));
        using var client = app.CreateClient();
        var before = LocalMessages(await ScrapeAsync(client));

        var result = await app.Grains.WalletNow(giver.Id, app.Services.GetRequiredService<TimeProvider>()).Flattr(thing.Id, anonymous: false);
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        var after = await ScrapeAsync(client);

        Assert.Equal(1, result.ThingTotalClicks);
        Assert.True(LocalMessages(after) > before, $"orleans_messaging_sent_local did not grow past {before}:\n{after}");
        Assert.Contains("\nhttp_server_request_duration_seconds_count{", after, StringComparison.Ordinal);
        Assert.Contains("\ndotnet_gc_collections_total{", after, StringComparison.Ordinal);
    }

    static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of every series of Orleans' local-messages counter (0 when it has none yet).</summary>
    static double LocalMessages(string metrics) =>
        metrics.Split('\n')
            .Where(l => l.StartsWith("orleans_messaging_sent_local", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
