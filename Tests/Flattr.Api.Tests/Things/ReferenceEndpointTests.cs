using System.Net;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Things;

public sealed class ReferenceEndpointTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Categories_are_flattrs_seven_with_rest_named_other()
    {
        using var client = host.Client();
        var body = await (await client.GetAsync("/rest/v2/categories")).AssertOkAsync();

        Assert.Equal(["text", "images", "video", "audio", "software", "people", "rest"], body.AsArray().Select(c => (string)c!["id"]!));
        Assert.Equal("Other", (string?)body[6]!["text"]);
    }

    [Fact]
    public async Task Languages_are_flattrs_language_ids_with_english_names()
    {
        using var client = host.Client();
        var body = await (await client.GetAsync("/rest/v2/languages")).AssertOkAsync();
        var languages = body.AsArray().ToDictionary(l => (string)l!["id"]!, l => (string)l!["text"]!);

        Assert.Equal("English", languages["en_GB"]);
        Assert.Equal("French", languages["fr_FR"]);
        Assert.Equal("German", languages["de_DE"]);
        Assert.All(languages.Keys, id => Assert.Matches("^[a-z]{2}_[A-Z]{2}$", id));
    }

    [Fact]
    public async Task Listings_of_an_unknown_user_are_not_found()
    {
        using var client = host.Client();
        await (await client.GetAsync("/rest/v2/users/nobody_here/things")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync("/rest/v2/users/nobody_here/flattrs")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task More_than_a_hundred_ids_at_once_is_invalid_parameters()
    {
        using var client = host.Client();
        var ids = string.Join(",", Enumerable.Range(1, 101));
        await (await client.GetAsync($"/rest/v2/things/{ids}")).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_parameters");
    }
}
