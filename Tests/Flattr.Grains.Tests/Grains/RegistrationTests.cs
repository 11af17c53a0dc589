using Flattr.Things;
using Flattr.Users;

namespace Flattr.Grains.Tests.Grains;

public sealed class RegistrationTests(FlattrCluster cluster) : IClassFixture<FlattrCluster>
{
    [Fact]
    public async Task Taken_username_is_a_conflict_whatever_its_case()
    {
        var name = cluster.Unique("alice");
        var directory = cluster.Grains.GetUserDirectory();
        await directory.Register(new SignUp(name, name + "@example.org", "Alice", "en_GB", "hash"));

        var error = await Assert.ThrowsAsync<FlattrException>(() =>
            directory.Register(new SignUp(name.ToUpperInvariant(), name + "-other@example.org", "Alice Two", "en_GB", "hash")));
        Assert.Equal(FlattrErrors.Conflict, error.Code);
    }

    [Fact]
    public async Task Taken_email_is_a_conflict_whatever_its_case()
    {
        var name = cluster.Unique("bob");
        var directory = cluster.Grains.GetUserDirectory();
        await directory.Register(new SignUp(name, name + "@Example.org", "Bob", "en_GB", "hash"));

        var error = await Assert.ThrowsAsync<FlattrException>(() =>
            directory.Register(new SignUp(name + "x", name.ToUpperInvariant() + "@EXAMPLE.ORG", "Bob Two", "en_GB", "hash")));
        Assert.Equal(FlattrErrors.Conflict, error.Code);
        Assert.Contains("e-mail", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registered_user_is_found_by_username_and_email_and_keeps_the_password_hash()
    {
        var name = cluster.Unique("carol");
        var directory = cluster.Grains.GetUserDirectory();
        var profile = await directory.Register(new SignUp(name, name + "@example.org", "Carol", "fr_FR", "AQAAAAIAAYagAAAAE"));

        Assert.Equal(profile.Id, await directory.FindByUsername(name.ToUpperInvariant()));
        Assert.Equal(profile.Id, await directory.FindByEmail(name.ToUpperInvariant() + "@example.org"));
        Assert.Null(await directory.FindByUsername(cluster.Unique("nobody")));
        var credentials = await cluster.Grains.GetUser(profile.Id).GetCredentials();
        Assert.Equal("AQAAAAIAAYagAAAAE", credentials.PasswordHash);
        Assert.Equal("fr_FR", (await cluster.Grains.GetUser(profile.Id).GetProfile()).Language);
    }

    [Theory]
    [InlineData("ab", "ab@example.org", "Name", "en_GB")]
    [InlineData("has space", "x@example.org", "Name", "en_GB")]
    [InlineData("validname", "not-an-email", "Name", "en_GB")]
    [InlineData("validname", "x@example.org", "", "en_GB")]
    [InlineData("validname", "x@example.org", "Name", "english")]
    public async Task Invalid_sign_up_fields_are_invalid_parameters(string username, string email, string displayName, string language)
    {
        var error = await Assert.ThrowsAsync<FlattrException>(() =>
            cluster.Grains.GetUserDirectory().Register(new SignUp(username, email, displayName, language, "hash")));
        Assert.Equal(FlattrErrors.InvalidParameters, error.Code);
    }

    [Fact]
    public async Task Unknown_user_is_not_found()
    {
        var error = await Assert.ThrowsAsync<FlattrException>(() => cluster.Grains.GetUser(987_654_321).GetProfile());
        Assert.Equal(FlattrErrors.NotFound, error.Code);
    }

    [Fact]
    public async Task A_url_registers_one_thing_even_when_written_differently()
    {
        var owner = await cluster.CreateUserAsync();
        var path = cluster.Unique("page");
        var thingId = await cluster.CreateThingAsync(owner, $"https://Example.ORG/{path}#top");

        var error = await Assert.ThrowsAsync<FlattrException>(() => cluster.CreateThingAsync(owner, $"HTTPS://example.org:443/{path}"));
        Assert.Equal(FlattrErrors.Conflict, error.Code);
        Assert.Equal(thingId, await cluster.Grains.GetThingRegistry().LookupByUrl($"https://example.org/{path}"));
    }

    [Fact]
    public async Task Only_the_owner_may_change_or_delete_a_thing()
    {
        var owner = await cluster.CreateUserAsync();
        var other = await cluster.CreateUserAsync();
        var thing = cluster.Grains.GetThing(await cluster.CreateThingAsync(owner));

        var update = await Assert.ThrowsAsync<FlattrException>(() => thing.Update(other, new ThingUpdate(Title: "Someone else's title")));
        Assert.Equal(FlattrErrors.Forbidden, update.Code);
        var delete = await Assert.ThrowsAsync<FlattrException>(() => thing.Delete(other));
        Assert.Equal(FlattrErrors.Forbidden, delete.Code);

        var changed = await thing.Update(owner, new ThingUpdate(Title: "A better title", Tags: ["Music", "music", " jazz "]));
        Assert.Equal("A better title", changed.Title);
        Assert.Equal(["music", "jazz"], changed.Tags.ToArray());
    }

    [Fact]
    public async Task Things_are_found_by_text_category_and_tag_but_hidden_ones_are_not_listed()
    {
        var owner = await cluster.CreateUserAsync();
        var word = cluster.Unique("zebrafish");
        var registry = cluster.Grains.GetThingRegistry();
        var listed = await registry.Register(owner, new ThingSubmission($"https://example.org/{word}/1", $"All about {word}", "Stripes.", ThingCategories.Video, "de_DE", ["nature"]));
        await registry.Register(owner, new ThingSubmission($"https://example.org/{word}/2", $"Secret {word}", "Hidden.", ThingCategories.Video, "de_DE", ["nature"], Hidden: true));

        var found = await registry.Search(new ThingQuery(Text: word, Categories: [ThingCategories.Video], Tags: ["nature"], Languages: ["de_DE"]));
        Assert.Equal([listed.Id], found.Things.Select(t => t.Info.Id));
        Assert.Equal(1, found.TotalItems);

        var mine = await registry.ListByOwner(owner, includeHidden: true, page: 1, count: 10);
        Assert.Equal(2, mine.TotalItems);
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_but_reports_the_real_total()
    {
        var owner = await cluster.CreateUserAsync();
        var word = cluster.Unique("okapi");
        var registry = cluster.Grains.GetThingRegistry();
        for (var i = 0; i < 3; i++)
        {
            await registry.Register(owner, new ThingSubmission($"https://example.org/{word}/{i}", $"Notes on {word} {i}", "Stripes.", ThingCategories.Text));
        }

        var lastPage = await registry.ListByOwner(owner, includeHidden: false, page: 2, count: 2);
        Assert.Equal((1, 3L), (lastPage.Things.Length, lastPage.TotalItems));
        var pastTheEnd = await registry.ListByOwner(owner, includeHidden: false, page: 5, count: 2);
        Assert.Equal((0, 3L), (pastTheEnd.Things.Length, pastTheEnd.TotalItems));

        var searchedPastTheEnd = await registry.Search(new ThingQuery(Text: word, Page: 3, Count: 2));
        Assert.Equal((0, 3L), (searchedPastTheEnd.Things.Length, searchedPastTheEnd.TotalItems));
        var sortedPastTheEnd = await registry.Search(new ThingQuery(OwnerId: owner, Sort: ThingSort.Flattrs, Page: 9, Count: 100));
        Assert.Equal((0, 3L), (sortedPastTheEnd.Things.Length, sortedPastTheEnd.TotalItems));
    }
}
