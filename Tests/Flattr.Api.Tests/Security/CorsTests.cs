using System.Net;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Security;

public sealed class CorsTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Any_site_may_read_with_a_token_after_a_preflight()
    {
        using var client = host.Client();
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/rest/v2/user");
        preflight.Headers.Add("Origin", "https://reader.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");

        var response = await client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
        Assert.Contains("GET", response.Header("Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("authorization", response.Header("Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_cross_origin_read_gets_cors_headers_and_may_read_the_rate_limit_headers()
    {
        var user = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(user));
        var request = new HttpRequestMessage(HttpMethod.Get, "/rest/v2/user");
        request.Headers.Add("Origin", "https://reader.example");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
        Assert.Contains("X-RateLimit-Remaining", response.Header("Access-Control-Expose-Headers"), StringComparison.Ordinal);
        Assert.Empty(response.Header("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Writes_are_not_opened_to_other_sites()
    {
        using var client = host.Client();
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/rest/v2/things");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");

        var response = await client.SendAsync(preflight);

        // The browser sends the POST only if the preflight allows its method; it does not.
        Assert.DoesNotContain("POST", response.Header("Access-Control-Allow-Methods"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sites_own_pages_get_no_cors_headers()
    {
        using var client = host.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Origin", "https://reader.example");

        var response = await client.SendAsync(request);

        Assert.Empty(response.Header("Access-Control-Allow-Origin"));
    }
}
