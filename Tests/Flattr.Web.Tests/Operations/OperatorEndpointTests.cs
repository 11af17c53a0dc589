using System.Net;

namespace Flattr.Web.Tests.Operations;

/// <summary>
/// The operator endpoints (/metrics, the Orleans Dashboard under /operator/orleans) answer operators only: this machine, a
/// client the trusted proxy reports from a configured operator network, or a bearer of the operator token. Anyone else gets
/// the 404 of a page that does not exist. The clients here are reported by X-Forwarded-For from this machine, which the app
/// trusts as its proxy, as nginx in front of the nodes does.
/// </summary>
[Collection(OperationsAppCollection.Name)]
public sealed class OperatorEndpointTests(OperationsApp ops)
{
    const string Outsider = "203.0.113.9";

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/operator/orleans/")]
    [InlineData("/operator/orleans/ClusterStats")]
    public async Task An_outside_client_behind_the_proxy_gets_404(string path)
    {
        using var response = await ops.GetAsync(path, forwardedFor: Outsider);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_token_from_outside_gets_404()
    {
        using var response = await ops.GetAsync("/metrics", forwardedFor: Outsider, bearer: OperationsApp.Token + "x");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_operator_token_opens_the_metrics_from_outside()
    {
        using var response = await ops.GetAsync("/metrics", forwardedFor: Outsider, bearer: OperationsApp.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("flattr_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_in_an_operator_network_reads_the_metrics()
    {
        using var response = await ops.GetAsync("/metrics", forwardedFor: "198.51.100.23");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_orleans_dashboard_is_served_to_an_operator_with_the_clusters_silos()
    {
        using var page = await ops.GetAsync("/operator/orleans/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        using var stats = await ops.GetAsync("/operator/orleans/ClusterStats", bearer: OperationsApp.Token);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Equal("application/json", stats.Content.Headers.ContentType?.MediaType);

        using var silos = await ops.GetAsync("/operator/orleans/DashboardCounters", forwardedFor: "198.51.100.24");
        Assert.Equal(HttpStatusCode.OK, silos.StatusCode);
        Assert.Contains("\"hosts\"", await silos.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
