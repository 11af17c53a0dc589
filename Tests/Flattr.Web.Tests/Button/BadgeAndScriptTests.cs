using System.Net;
using System.Net.Http.Headers;
using Flattr.Things;
using Flattr.Web.Button;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Web.Tests.Button;

[Collection(FlattrAppCollection.Name)]
public sealed class BadgeAndScriptTests(FlattrApp app)
{
    [Fact]
    public async Task The_badge_shows_the_count_and_answers_304_to_its_etag_until_the_count_changes()
    {
        var creator = await app.CreateUserAsync("badged");
        var giver = await app.CreateUserAsync("badgefan", depositCents: 1000);
        var url = $"https://badges.example.org/{Guid.NewGuid():N}";
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission(url, "A thing with a badge"));
        using var client = app.CreateClient();

        using var first = await client.GetAsync($"/things/{thing.Id}/button.svg");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/svg+xml", first.Content.Headers.ContentType!.MediaType);
        Assert.Contains(">0</text>", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var etag = first.Headers.ETag!;
        Assert.Contains("public", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        using var cached = new HttpRequestMessage(HttpMethod.Get, $"/things/{thing.Id}/button.svg");
        cached.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(cached);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        await app.Grains.WalletNow(giver.Id, app.Services.GetRequiredService<TimeProvider>()).Flattr(thing.Id, anonymous: false);
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/button.svg?url=" + Uri.EscapeDataString(url));
        stale.Headers.IfNoneMatch.Add(etag);
        using var changed = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains(">1</text>", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task The_badge_and_count_may_be_reused_for_seconds_only_then_are_revalidated_by_etag()
    {
        var creator = await app.CreateUserAsync("fresh");
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission($"https://fresh.example.org/{Guid.NewGuid():N}", "A fresh badge"));
        using var client = app.CreateClient();
        foreach (var path in new[] { $"/things/{thing.Id}/button.svg", $"/things/{thing.Id}/count.json" })
        {
            using var response = await client.GetAsync(path);
            var cacheControl = response.Headers.CacheControl!;
            Assert.True(cacheControl.MaxAge <= TimeSpan.FromSeconds(10), $"{path} may be reused for {cacheControl.MaxAge}");
            Assert.True(cacheControl.MustRevalidate, path);
            Assert.NotNull(response.Headers.ETag);
        }
    }

    [Fact]
    public async Task An_unknown_url_gets_a_zero_badge_and_an_unknown_thing_id_too()
    {
        using var client = app.CreateClient();
        var byUrl = await client.GetStringAsync("/button.svg?url=" + Uri.EscapeDataString("https://nowhere.example.org/" + Guid.NewGuid()));
        Assert.Contains(">0</text>", byUrl, StringComparison.Ordinal);
        var byId = await client.GetStringAsync("/things/987654321/button.svg");
        Assert.Contains(">0</text>", byId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_count_json_gives_the_months_and_total_clicks_to_any_site_and_answers_304_to_its_etag_until_they_change()
    {
        var creator = await app.CreateUserAsync("counted");
        var giver = await app.CreateUserAsync("countfan", depositCents: 1000);
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission($"https://counts.example.org/{Guid.NewGuid():N}", "A thing with a count"));
        using var client = app.CreateClient();

        using var first = await client.GetAsync($"/things/{thing.Id}/count.json");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", first.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal($$"""{"thingId":{{thing.Id}},"monthClicks":0,"totalClicks":0}""", await first.Content.ReadAsStringAsync());

        using var cached = new HttpRequestMessage(HttpMethod.Get, $"/things/{thing.Id}/count.json");
        cached.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await client.SendAsync(cached);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        await app.Grains.WalletNow(giver.Id, app.Services.GetRequiredService<TimeProvider>()).Flattr(thing.Id, anonymous: false);
        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/things/{thing.Id}/count.json");
        stale.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var changed = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal($$"""{"thingId":{{thing.Id}},"monthClicks":1,"totalClicks":1}""", await changed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_count_json_of_an_unknown_thing_is_a_404_with_a_flattr_error()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/things/987654321/count.json");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"error\":\"not_found\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_loader_is_served_to_any_site_with_cache_validators()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/button.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("a.FlattrButton", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/button.js");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task The_frame_for_an_unregistered_url_offers_the_auto_submit_confirmation()
    {
        var owner = await app.CreateUserAsync("autoowner");
        using var client = app.CreateClient();
        var url = "https://auto.example.org/" + Guid.NewGuid().ToString("N");
        var html = await client.GetStringAsync($"/button/view?button=compact&uid={owner.Username}&url={Uri.EscapeDataString(url)}&title=Auto+post+title");
        Assert.Contains("data-confirm=\"/button/confirm?user_id=" + owner.Username, html, StringComparison.Ordinal);
        Assert.Contains("id=\"count\" class=\"count\">0<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_url_in_an_auto_submit_link_redirects_to_its_thing()
    {
        var owner = await app.CreateUserAsync("autoredirect");
        var url = "https://auto.example.org/" + Guid.NewGuid().ToString("N");
        var thing = await app.Grains.GetThingRegistry().Register(owner.Id, new ThingSubmission(url, "Already registered"));
        using var client = app.CreateClient();
        using var response = await client.GetAsync($"/submit/auto?user_id={owner.Username}&url={Uri.EscapeDataString(url)}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/things/{thing.Id}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_qr_code_is_an_svg_for_an_existing_thing_and_404_otherwise()
    {
        var owner = await app.CreateUserAsync("qr");
        var thing = await app.Grains.GetThingRegistry().Register(owner.Id, new ThingSubmission($"https://qr.example.org/{Guid.NewGuid():N}", "A thing for posters"));
        using var client = app.CreateClient();
        using var response = await client.GetAsync($"/things/{thing.Id}/qr.svg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("<svg", (await response.Content.ReadAsStringAsync()).TrimStart(), StringComparison.Ordinal);
        using var missing = await client.GetAsync("/things/987654321/qr.svg");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public void Auto_submit_links_keep_flattrs_parameters_and_fill_in_a_missing_title()
    {
        var query = new Microsoft.AspNetCore.Http.QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["user_id"] = "Alice", ["url"] = "HTTPS://Example.org/post#comments", ["tags"] = "A, b,,a", ["category"] = "audio",
            ["language"] = "fr_FR", ["hidden"] = "1",
        });
        var link = AutoSubmitLink.From(query)!;
        Assert.Equal("alice", link.Owner);
        Assert.Equal("https://example.org/post", link.Url);
        Assert.Equal("https://example.org/post", link.Title);
        Assert.Equal(["a", "b"], link.Tags.ToArray());
        Assert.Equal("audio", link.Category);
        Assert.Equal("fr_FR", link.Language);
        Assert.True(link.Hidden);
        Assert.Null(AutoSubmitLink.From(new Microsoft.AspNetCore.Http.QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["url"] = "https://x.org/" })));
    }
}
