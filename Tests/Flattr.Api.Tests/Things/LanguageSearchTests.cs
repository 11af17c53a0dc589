using System.Text.Json.Nodes;
using Flattr.Api.Tests.Hosting;

namespace Flattr.Api.Tests.Things;

/// <summary>
/// Search as a reader types, in the things' languages (the site's search runs the same SQL): stems in English, French and
/// German, prefixes, typos in titles, and creators by name, best match first. Each test searches one owner's things.
/// </summary>
public sealed class LanguageSearchTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Theory]
    [InlineData("en_GB", "Birds of the northern sea", "bird")]
    [InlineData("en_GB", "Running in the hills", "runs")]
    [InlineData("fr_FR", "Les oiseaux chantent le matin", "oiseau")]
    [InlineData("fr_FR", "Chansons françaises", "chanson")]
    [InlineData("de_DE", "Die Vögel im Garten", "Vogel")]
    [InlineData("de_DE", "Häuser am See", "Haus")]
    public async Task A_word_finds_its_other_forms_in_the_things_language(string language, string title, string query)
    {
        var owner = await host.CreateUserAsync();
        var match = await host.CreateThingAsync(owner, title: title, language: language);
        await host.CreateThingAsync(owner, title: "Something else entirely", language: language);

        Assert.Equal([match], await SearchAsync(owner, query));
    }

    [Fact]
    public async Task A_word_being_typed_matches_as_a_prefix()
    {
        var owner = await host.CreateUserAsync();
        var match = await host.CreateThingAsync(owner, title: "Accordion lessons for beginners");
        await host.CreateThingAsync(owner, title: "Something else entirely");

        Assert.Equal([match], await SearchAsync(owner, "accor"));
        Assert.Equal([match], await SearchAsync(owner, "lessons begin"));
    }

    [Theory]
    [InlineData("go", "Go lessons", true)]
    [InlineData("go", "Gothic lessons", false)]
    [InlineData("got", "Gothic lessons", true)]
    [InlineData("im Garten", "im Gartenhaus", true)]
    [InlineData("im Garten", "immer Garten", false)]
    public async Task A_word_of_one_or_two_letters_matches_only_as_a_whole_word(string typed, string text, bool matches)
    {
        // The words' query alone (schema 0380): through the API a word that matches few things also brings titles like it.
        await using var command = host.Database.CreateCommand("SELECT to_tsvector('simple', $2) @@ things_search_query($1)");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = typed });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = text });

        Assert.Equal(matches, (bool?)await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("A mountain walk at dawn", "mountian")]
    [InlineData("Street photography in Berlin", "photgraphy")]
    [InlineData("Birds of the northern sea", "brids")]
    [InlineData("Notes on the harbour", "teh harbour")]
    public async Task A_typo_in_a_title_word_still_finds_the_thing(string title, string query)
    {
        var owner = await host.CreateUserAsync();
        var match = await host.CreateThingAsync(owner, title: title);
        await host.CreateThingAsync(owner, title: "Something else entirely");

        Assert.Equal([match], await SearchAsync(owner, query));
    }

    [Fact]
    public async Task A_creators_name_finds_their_things()
    {
        var maya = await host.CreateUserAsync("mayaquill");
        var thing = await host.CreateThingAsync(maya, title: "Watercolours of the harbour");

        Assert.Equal([thing], await SearchAsync(maya, "mayaquill"));
    }

    [Fact]
    public async Task The_best_match_comes_first()
    {
        var owner = await host.CreateUserAsync();
        var inDescriptionOnly = await host.CreateThingAsync(owner, title: "Harbour evenings");
        await host.Grains.GetThing(inDescriptionOnly).Update(owner.Id, new Flattr.Things.ThingUpdate(Description: "Lanterns and more lanterns."));
        var inTitle = await host.CreateThingAsync(owner, title: "Lanterns over the harbour");

        Assert.Equal([inTitle, inDescriptionOnly], await SearchAsync(owner, "lantern"));
    }

    async Task<long[]> SearchAsync(TestUser owner, string query)
    {
        using var client = host.Client();
        var body = await (await client.GetAsync(
            $"/rest/v2/things/search?user={owner.Username}&query={Uri.EscapeDataString(query)}")).AssertOkAsync();
        return [.. body["things"]!.AsArray().Select(t => (long)t!["id"]!)];
    }
}
