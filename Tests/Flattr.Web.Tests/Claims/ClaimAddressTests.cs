using System.Net;
using Flattr.Web.Claims;
using Flattr.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Web.Tests.Claims;

/// <summary>
/// With the production setting (loopback not allowed), the claim fetcher's connect callback refuses every non-public address it
/// resolves, so a page on this machine is never even requested; and which addresses count as public.
/// </summary>
public sealed class ClaimAddressTests
{
    [Fact]
    public async Task With_loopback_not_allowed_a_page_on_this_machine_is_refused_at_connect_time_and_never_requested()
    {
        var requests = 0;
        await using var blog = await BlogSite.StartAsync(site => site.MapGet("/post", () =>
        {
            Interlocked.Increment(ref requests);
            return Results.Content("<html><head></head></html>", "text/html");
        }));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Flattr:Claims:AllowLoopback"] = "false" })
            .Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddFlattrClaims().BuildServiceProvider();
        var fetcher = services.GetRequiredService<PageFetcher>();

        // "localhost" is a name: the address it resolves to is what the callback checks, as it would for a rebinding DNS name.
        foreach (var host in new[] { "localhost", "127.0.0.1", "127.3.2.1", "[::1]", "[::ffff:127.0.0.1]" })
        {
            var refused = await Assert.ThrowsAsync<ClaimFetchException>(
                () => fetcher.FetchAsync(new Uri($"http://{host}:{blog.BaseUri.Port}/post"), CancellationToken.None));
            Assert.Equal(ClaimFailure.NotPublic, refused.Failure);
        }

        Assert.Equal(0, requests);
    }

    [Theory]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.0.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("2002:0a00:0001::1", false)]
    [InlineData("64:ff9b::a00:1", false)]
    public void Only_public_unicast_addresses_count_as_public(string address, bool isPublic) =>
        Assert.Equal(isPublic, PublicNetwork.IsPublic(IPAddress.Parse(address)));
}
