using Flattr.Api.Tests.Hosting;
using Flattr.Testing.Database;

namespace Flattr.Api.Tests.Things;

/// <summary>
/// How much a search does however common its words are (Web/Api/README.md, "Where this differs"): it counts up to 1,000
/// matches (or to the end of the requested page), and looks titles and names up by likeness only when the words match
/// fewer than a page of things. Each test searches one owner's things.
/// </summary>
public sealed class SearchBoundsTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_total_past_a_thousand_is_a_thousand_and_the_next_page_is_still_linked()
    {
        var owner = await host.CreateUserAsync();
        await InsertThingsAsync(owner, "Quokka portrait", 1_001);
        using var client = host.Client();

        var first = await client.GetAsync($"/rest/v2/things/search?user={owner.Username}&query=quokka&count=100");
        var tenth = await client.GetAsync($"/rest/v2/things/search?user={owner.Username}&query=quokka&count=100&page=10");
        var eleventh = await client.GetAsync($"/rest/v2/things/search?user={owner.Username}&query=quokka&count=100&page=11");

        Assert.Equal(1_000, (long)(await first.AssertOkAsync())["total_items"]!);
        Assert.Equal(1_000, (long)(await tenth.AssertOkAsync())["total_items"]!);
        Assert.Contains("rel=\"next\"", tenth.Header("Link"), StringComparison.Ordinal);
        // A page past the bound counts as far as it reaches: all 1,001, and nothing follows.
        var last = await eleventh.AssertOkAsync();
        Assert.Equal(1_001, (long)last["total_items"]!);
        Assert.Single(last["things"]!.AsArray());
        Assert.DoesNotContain("rel=\"next\"", eleventh.Header("Link"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_total_of_exactly_a_thousand_is_exact()
    {
        var owner = await host.CreateUserAsync();
        await InsertThingsAsync(owner, "Wombat burrow", 1_000);
        using var client = host.Client();

        var tenth = await client.GetAsync($"/rest/v2/things/search?user={owner.Username}&query=wombat&count=100&page=10");

        Assert.Equal(1_000, (long)(await tenth.AssertOkAsync())["total_items"]!);
        Assert.DoesNotContain("rel=\"next\"", tenth.Header("Link"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Titles_like_the_text_are_looked_up_only_when_the_words_match_fewer_than_a_page()
    {
        var owner = await host.CreateUserAsync();
        // "Birks" is like "birds" (pg_trgm word similarity 0.5) without being a form of it.
        var alike = await host.CreateThingAsync(owner, title: "Birks and pines");
        for (var i = 0; i < 29; i++)
        {
            await host.CreateThingAsync(owner, title: $"Birdsong recordings {i}");
        }

        var few = await SearchAsync(owner, "birds");
        await host.CreateThingAsync(owner, title: "Birdsong recordings 29");
        var page = await SearchAsync(owner, "birds");

        Assert.Equal(30, few.Length);
        Assert.Contains(alike, few);
        Assert.Equal(30, page.Length);
        Assert.DoesNotContain(alike, page);
    }

    async Task InsertThingsAsync(TestUser owner, string title, int count) =>
        await host.Database.ScalarAsync(
            """
            WITH inserted AS (
                INSERT INTO things (owner_id, url, title, category, language)
                SELECT $1, 'https://bounds.example.org/' || $1 || '/' || i, $2 || ' ' || i, 'text', 'en_GB' FROM generate_series(1, $3) AS i
                RETURNING 1)
            SELECT count(*) FROM inserted
            """,
            owner.Id, title, count);

    async Task<long[]> SearchAsync(TestUser owner, string query)
    {
        using var client = host.Client();
        var body = await (await client.GetAsync(
            $"/rest/v2/things/search?user={owner.Username}&query={Uri.EscapeDataString(query)}&count=100")).AssertOkAsync();
        return [.. body["things"]!.AsArray().Select(t => (long)t!["id"]!)];
    }
}
