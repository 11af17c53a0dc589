using System.Globalization;
using System.Net;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Security;

public sealed class RateLimitTests(RateLimitedHost host) : IClassFixture<RateLimitedHost>
{
    [Fact]
    public async Task Every_limited_answer_carries_flattrs_rate_limit_headers()
    {
        using var client = host.Client(await host.TokenAsync(await host.CreateUserAsync()));

        var first = await client.GetAsync("/rest/v2/categories");
        var second = await client.GetAsync("/rest/v2/languages");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("5", first.Header("X-RateLimit-Limit"));
        Assert.Equal("4", first.Header("X-RateLimit-Remaining"));
        Assert.Equal("1", first.Header("X-RateLimit-Current"));
        Assert.Equal("3", second.Header("X-RateLimit-Remaining"));
        Assert.Equal("2", second.Header("X-RateLimit-Current"));
        var reset = DateTimeOffset.FromUnixTimeSeconds(long.Parse(first.Header("X-RateLimit-Reset"), CultureInfo.InvariantCulture));
        Assert.Equal(0, reset.Minute);
        Assert.Equal(0, reset.Second);
        Assert.InRange(reset - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task A_token_over_its_hourly_limit_gets_429_and_its_request_changes_nothing()
    {
        var owner = await host.CreateUserAsync();
        using var client = host.Client(await host.TokenAsync(owner, "thing"));
        for (var i = 0; i < RateLimitedHost.TokenLimit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/rest/v2/categories")).StatusCode);
        }

        var url = $"https://example.org/{host.Unique("limited")}";
        var refused = await client.PostAsync("/rest/v2/things", Http.Json($$"""{"url": "{{url}}", "title": "Too late for this"}"""));

        await refused.AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Equal("0", refused.Header("X-RateLimit-Remaining"));
        Assert.Equal("5", refused.Header("X-RateLimit-Current"));
        Assert.InRange(int.Parse(refused.Header("Retry-After"), CultureInfo.InvariantCulture), 1, 3600);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM things WHERE url = $1", url));
    }

    [Fact]
    public async Task Tokens_are_limited_apart_from_each_other()
    {
        var user = await host.CreateUserAsync();
        using var spent = host.Client(await host.TokenAsync(user));
        using var fresh = host.Client(await host.TokenAsync(user));
        for (var i = 0; i < RateLimitedHost.TokenLimit; i++)
        {
            await spent.GetAsync("/rest/v2/categories");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await spent.GetAsync("/rest/v2/categories")).StatusCode);
        var other = await fresh.GetAsync("/rest/v2/categories");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("4", other.Header("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Requests_without_a_token_are_limited_per_address_and_tokens_are_not_held_back_by_it()
    {
        using var anonymous = host.Client();
        HttpResponseMessage? refused = null;
        for (var i = 0; i <= RateLimitedHost.AddressLimit && refused is null; i++)
        {
            var response = await anonymous.GetAsync("/rest/v2/categories");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                Assert.Equal("4", response.Header("X-RateLimit-Limit"));
            }
        }

        Assert.NotNull(refused);
        await refused.AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        using var withToken = host.Client(await host.TokenAsync(await host.CreateUserAsync()));
        Assert.Equal(HttpStatusCode.OK, (await withToken.GetAsync("/rest/v2/categories")).StatusCode);
    }

    [Fact]
    public async Task The_rate_limit_resource_reports_the_window_and_is_not_limited_itself()
    {
        using var client = host.Client(await host.TokenAsync(await host.CreateUserAsync()));
        HttpResponseMessage last = new();
        for (var i = 0; i < RateLimitedHost.TokenLimit; i++)
        {
            last = await client.GetAsync("/rest/v2/categories");
        }

        var reports = new List<System.Text.Json.Nodes.JsonNode>();
        for (var i = 0; i < 3; i++)
        {
            reports.Add(await (await client.GetAsync("/rest/v2/rate_limit")).AssertOkAsync());
        }

        Assert.All(reports, report =>
        {
            Assert.Equal(5, (int)report["hourly_limit"]!);
            Assert.Equal(0, (int)report["remaining_hits"]!);
            Assert.Equal(5, (int)report["current_hits"]!);
            Assert.Equal(long.Parse(last.Header("X-RateLimit-Reset"), CultureInfo.InvariantCulture), (long)report["reset_time_in_seconds"]!);
            Assert.EndsWith("+0000 GMT", (string?)report["reset_time"], StringComparison.Ordinal);
        });
    }
}
