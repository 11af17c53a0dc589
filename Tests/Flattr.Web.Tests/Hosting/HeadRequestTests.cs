using System.Net;
using Flattr.Things;
using Flattr.Web.Tests.Support;

namespace Flattr.Web.Tests.Hosting;

/// <summary>HEAD is answered wherever GET is (link checkers and feed readers send it): same status and headers, no body.</summary>
[Collection(FlattrAppCollection.Name)]
public sealed class HeadRequestTests(FlattrApp app)
{
    [Fact]
    public async Task Head_on_the_badges_scripts_counts_qr_code_api_and_pages_answers_like_get_without_a_body()
    {
        var creator = await app.CreateUserAsync("headed");
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission($"https://head.example.org/{Guid.NewGuid():N}", "A thing for HEAD"));
        string[] paths =
        [
            $"/things/{thing.Id}/button.svg", "/button.svg?url=" + Uri.EscapeDataString(thing.Url), "/button.js", "/button/frame.js",
            "/button/confirm.js", $"/things/{thing.Id}/count.json", $"/things/{thing.Id}/qr.svg", "/health", "/rest/v2/categories",
            $"/rest/v2/things/{thing.Id}", "/", $"/things/{thing.Id}", "/css/site.css",
        ];
        using var client = app.CreateClient();
        foreach (var path in paths)
        {
            using var get = await client.GetAsync(path);
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.True(get.StatusCode == HttpStatusCode.OK, $"GET {path}: {get.StatusCode}");
            Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD {path}: {head.StatusCode}");
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }

        using var badge = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/things/{thing.Id}/button.svg"));
        Assert.NotNull(badge.Headers.ETag);
    }
}
