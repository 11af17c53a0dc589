using System.Net;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Security;

public sealed class AuthenticationRequiredTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Theory]
    [InlineData("GET", "/rest/v2/user")]
    [InlineData("GET", "/rest/v2/user/things")]
    [InlineData("GET", "/rest/v2/user/flattrs")]
    [InlineData("GET", "/rest/v2/user/activities")]
    [InlineData("GET", "/rest/v2/user/subscriptions")]
    [InlineData("POST", "/rest/v2/things")]
    [InlineData("PATCH", "/rest/v2/things/1")]
    [InlineData("POST", "/rest/v2/things/1")]
    [InlineData("DELETE", "/rest/v2/things/1")]
    [InlineData("POST", "/rest/v2/things/1/flattr")]
    [InlineData("POST", "/rest/v2/flattr")]
    [InlineData("POST", "/rest/v2/things/1/subscriptions")]
    [InlineData("PUT", "/rest/v2/things/1/subscriptions")]
    [InlineData("DELETE", "/rest/v2/things/1/subscriptions")]
    public async Task Every_endpoint_that_acts_for_a_user_needs_a_token(string method, string path)
    {
        using var client = host.Client();
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Http.Json("{}") });

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/rest/v2/user/subscriptions", "flattr")]
    [InlineData("POST", "/rest/v2/things", "thing")]
    [InlineData("PATCH", "/rest/v2/things/1", "thing")]
    [InlineData("DELETE", "/rest/v2/things/1", "thing")]
    [InlineData("POST", "/rest/v2/things/1/flattr", "flattr")]
    [InlineData("POST", "/rest/v2/flattr", "flattr")]
    [InlineData("POST", "/rest/v2/things/1/subscriptions", "flattr")]
    [InlineData("PUT", "/rest/v2/things/1/subscriptions", "flattr")]
    [InlineData("DELETE", "/rest/v2/things/1/subscriptions", "flattr")]
    public async Task Every_scoped_endpoint_refuses_a_token_without_its_scope(string method, string path, string scope)
    {
        var user = await host.CreateUserAsync();
        var others = new[] { "flattr", "thing", "email", "extendedread" }.Where(s => s != scope).ToArray();
        using var client = host.Client(await host.TokenAsync(user, others));

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Http.Json("{}") });

        await response.AssertErrorAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.Contains($"scope=\"{scope}\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_at_once()
    {
        var user = await host.CreateUserAsync();
        var secret = await host.TokenAsync(user, "flattr");
        using var client = host.Client(secret);
        await (await client.GetAsync("/rest/v2/user")).AssertOkAsync();
        var tokenId = await host.ScalarAsync("SELECT id FROM api_tokens WHERE user_id = $1", user.Id);

        await host.Grains.GetAccessTokens(user.Id).Revoke(tokenId);

        await (await client.GetAsync("/rest/v2/user")).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await client.GetAsync("/rest/v2/categories")).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_token_records_when_it_was_last_used()
    {
        var user = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(user));
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM api_tokens WHERE user_id = $1 AND last_used_at IS NOT NULL", user.Id));

        await (await client.GetAsync("/rest/v2/user")).AssertOkAsync();

        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM api_tokens WHERE user_id = $1 AND last_used_at IS NOT NULL", user.Id));
    }

    [Fact]
    public async Task Other_authorization_schemes_are_refused_on_the_api()
    {
        using var client = host.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/rest/v2/categories");
        request.Headers.Authorization = Http.Basic("someone", "password");

        await (await client.SendAsync(request)).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
