using System.Net;
using System.Text;
using Flattr.Profiles;
using Flattr.Subscriptions;
using Flattr.Things;
using Flattr.Web.Localization;
using Flattr.Web.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Flattr.Web.Tests.Profiles;

/// <summary>A creator's profile: bio, links and avatar edited on /me/profile, shown on the public page, and "flattr this creator".</summary>
[Collection(FlattrAppCollection.Name)]
public sealed class ProfileTests(FlattrApp app)
{
    const string EditPage = "/me/profile";
    const string AvatarAction = "/me/profile?handler=Avatar";

    [Fact]
    public async Task An_uploaded_photo_becomes_a_square_png_re_encoded_without_its_metadata()
    {
        var user = await app.CreateUserAsync("painter");
        using var client = await SignedInClient.SignInAsync(app, user);
        var jpeg = Photo(640, 360, withExif: "Secret Street 7");

        using var response = await client.PostFileAsync(EditPage, AvatarAction, "avatar", jpeg, "me.jpg", "image/jpeg");

        var page = await SignedInClient.ParseAsync(response);
        Assert.Equal(Texts.English.AvatarSaved, page.QuerySelector("#notice")?.TextContent.Trim());
        using var anonymous = app.CreateClient();
        using var served = await anonymous.GetAsync($"/avatars/{user.Id}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        var info = Image.Identify(bytes, out var format);
        Assert.Equal(PngFormat.Instance, format);
        Assert.Equal((256, 256), (info.Width, info.Height));
        using var image = Image.Load<Rgba32>(bytes);
        Assert.Null(image.Metadata.ExifProfile);
        Assert.DoesNotContain("Secret Street", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        Assert.NotEqual(jpeg, bytes);
        var centre = image[128, 128];
        Assert.True(centre.R > 150 && centre.G < 90 && centre.B < 90, $"the centre should stay red, was {centre}");
    }

    [Fact]
    public async Task The_avatar_carries_an_etag_and_cache_headers_and_answers_304_while_it_is_unchanged()
    {
        var user = await app.CreateUserAsync("etag");
        using var client = await SignedInClient.SignInAsync(app, user);
        (await client.PostFileAsync(EditPage, AvatarAction, "avatar", Photo(300, 300), "a.jpg", "image/jpeg")).Dispose();
        var tag = (await app.Grains.GetProfile(user.Id).GetProfile()).AvatarETag;
        Assert.NotNull(tag);
        using var anonymous = app.CreateClient();

        using var first = await anonymous.GetAsync($"/avatars/{user.Id}?v={tag}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Equal($"\"{tag}\"", etag.Tag);
        Assert.Contains("immutable", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.True(first.Headers.CacheControl?.Public);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/avatars/{user.Id}");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(TimeSpan.FromMinutes(1), notModified.Headers.CacheControl?.MaxAge);

        // A new picture is a new tag (the tag names the stored bytes): the old one no longer matches.
        (await client.PostFileAsync(EditPage, AvatarAction, "avatar", Photo(200, 400, red: 40), "b.jpg", "image/jpeg")).Dispose();
        using var changed = new HttpRequestMessage(HttpMethod.Get, $"/avatars/{user.Id}");
        changed.Headers.IfNoneMatch.Add(etag);
        using var fresh = await anonymous.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(etag, fresh.Headers.ETag);
    }

    [Fact]
    public async Task A_file_that_is_not_a_picture_or_too_large_is_refused_with_a_clear_error_and_the_avatar_stays()
    {
        var user = await app.CreateUserAsync("uploader");
        using var client = await SignedInClient.SignInAsync(app, user);
        (await client.PostFileAsync(EditPage, AvatarAction, "avatar", Photo(100, 100), "ok.jpg", "image/jpeg")).Dispose();
        var tag = (await app.Grains.GetProfile(user.Id).GetProfile()).AvatarETag;
        var png = Png(64, 64);

        var refusals = new (byte[] File, string Name, string Type, string Message)[]
        {
            (Encoding.UTF8.GetBytes("<?php echo 'hello'; ?>"), "shell.png", "image/png", Texts.English.ErrorAvatarNotImage),
            (png[..(png.Length / 2)], "cut.png", "image/png", Texts.English.ErrorAvatarNotImage),
            (new byte[3 * 1024 * 1024], "huge.jpg", "image/jpeg", string.Format(System.Globalization.CultureInfo.InvariantCulture, Texts.English.ErrorAvatarTooLarge, 2)),
        };
        foreach (var (file, name, type, message) in refusals)
        {
            using var response = await client.PostFileAsync(EditPage, AvatarAction, "avatar", file, name, type);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await SignedInClient.ParseAsync(response);
            Assert.Equal(message, page.QuerySelector("#notice.error")?.TextContent.Trim());
        }

        Assert.Equal(tag, (await app.Grains.GetProfile(user.Id).GetProfile()).AvatarETag);
    }

    [Fact]
    public async Task Links_must_be_http_or_https_and_at_most_three()
    {
        var user = await app.CreateUserAsync("linker");
        using var client = await SignedInClient.SignInAsync(app, user);
        foreach (var bad in new[] { "javascript:alert(1)", "ftp://files.example.org/", "data:text/html,hi", "//example.org/x", "https://user:pw@example.org/" })
        {
            using var refused = await client.PostFormAsync(EditPage, EditPage, new Dictionary<string, string> { ["Bio"] = "Hi", ["Links[0]"] = bad });
            var page = await SignedInClient.ParseAsync(refused);
            Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, Texts.English.ErrorProfileLink, bad),
                page.QuerySelector("#notice.error")?.TextContent.Trim());
        }

        using (var four = await client.PostFormAsync(EditPage, EditPage, new Dictionary<string, string>
        {
            ["Links[0]"] = "https://a.example.org/", ["Links[1]"] = "https://b.example.org/", ["Links[2]"] = "https://c.example.org/",
            ["Links[3]"] = "https://d.example.org/",
        }))
        {
            Assert.Equal(Texts.English.ErrorProfileLinkCount, (await SignedInClient.ParseAsync(four)).QuerySelector("#notice.error")?.TextContent.Trim());
        }

        Assert.Empty((await app.Grains.GetProfile(user.Id).GetProfile()).Links);
        using var saved = await client.PostFormAsync(EditPage, EditPage, new Dictionary<string, string>
        {
            ["Bio"] = "I write.", ["Links[0]"] = " https://blog.example.org/me ", ["Links[1]"] = "", ["Links[2]"] = "http://old.example.org",
        });
        Assert.Equal(Texts.English.ProfileSaved, (await SignedInClient.ParseAsync(saved)).QuerySelector("#notice")?.TextContent.Trim());
        var profile = await app.Grains.GetProfile(user.Id).GetProfile();
        Assert.Equal(["https://blog.example.org/me", "http://old.example.org/"], profile.Links.ToArray());
        Assert.Equal("I write.", profile.Bio);
    }

    [Fact]
    public async Task The_public_page_shows_the_bio_and_links_encoded_with_the_creators_things_and_supporters()
    {
        var creator = await app.CreateUserAsync("writer");
        var bio = "<script>alert('owned')</script>\nI write about <b>trains</b> & boats.";
        await app.Grains.GetProfile(creator.Id).Update(new ProfileDetails(bio, ["https://example.org/a?b=\"c\"&d=<e>"]));
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission($"https://trains.example.org/{Guid.NewGuid():N}", "On narrow-gauge railways"));
        foreach (var n in new[] { 1, 2 })
        {
            var giver = await app.CreateUserAsync("fan" + n, depositCents: 1000);
            await app.Grains.GetWallet(giver.Id, Month.Current(TimeProvider.System)).Flattr(thing.Id, anonymous: n == 2);
        }

        using var anonymous = app.CreateClient();
        using var response = await anonymous.GetAsync($"/profile/{creator.Username}");
        var html = await response.Content.ReadAsStringAsync();
        var page = await SignedInClient.ParseAsync(response);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>trains", html, StringComparison.Ordinal);
        Assert.Equal(bio, page.QuerySelector("#bio")?.TextContent);
        var link = Assert.Single(page.QuerySelectorAll("#links a"));
        Assert.Equal("nofollow ugc noopener", link.GetAttribute("rel"));
        Assert.Equal("https://example.org/a?b=%22c%22&d=%3Ce%3E", link.GetAttribute("href"));
        Assert.Contains(page.QuerySelectorAll(".thing-row a.title"), a => a.TextContent == thing.Title);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, Texts.English.SupporterCount, 2), page.QuerySelector("#supporters")?.TextContent);
    }

    [Fact]
    public async Task Flattr_this_creator_subscribes_the_giver_to_the_creators_newest_thing()
    {
        var creator = await app.CreateUserAsync("podcaster");
        var registry = app.Grains.GetThingRegistry();
        var older = await registry.Register(creator.Id, new ThingSubmission($"https://pod.example.org/{Guid.NewGuid():N}", "Episode one of the show"));
        var newest = await registry.Register(creator.Id, new ThingSubmission($"https://pod.example.org/{Guid.NewGuid():N}", "Episode two of the show"));
        var giver = await app.CreateUserAsync("listener", depositCents: 1000);
        using var client = await SignedInClient.SignInAsync(app, giver);

        using var response = await client.PostFormAsync($"/profile/{creator.Username}", $"/profile/{creator.Username}?handler=FlattrCreator",
            new Dictionary<string, string> { ["term"] = nameof(SubscriptionTerm.ThreeMonths) });

        var page = await SignedInClient.ParseAsync(response);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, Texts.English.FlattredCreatorNotice, newest.Title),
            page.QuerySelector("#notice")?.TextContent.Trim());
        var subscription = Assert.Single(await app.Grains.GetSubscriptions(giver.Id).List());
        Assert.Equal(newest.Id, subscription.ThingId);
        Assert.Equal(SubscriptionTerm.ThreeMonths, subscription.Term);
        var month = await app.Grains.GetWallet(giver.Id, Month.Current(TimeProvider.System)).GetMonth();
        Assert.Contains(month.Clicks, c => c.ThingId == newest.Id);
        Assert.DoesNotContain(month.Clicks, c => c.ThingId == older.Id);
    }

    static byte[] Photo(int width, int height, string? withExif = null, byte red = 220)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(red, 20, 30));
        if (withExif is not null)
        {
            image.Metadata.ExifProfile = new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.Artist, withExif);
        }

        using var stream = new MemoryStream();
        image.Save(stream, new JpegEncoder { Quality = 90 });
        return stream.ToArray();
    }

    static byte[] Png(int width, int height)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(10, 200, 10));
        using var stream = new MemoryStream();
        image.Save(stream, new PngEncoder());
        return stream.ToArray();
    }
}
