using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Flattr.Things;
using Flattr.Web.Localization;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace Flattr.Web.Tests.Pages;

/// <summary>The site's search page: the API's search (stems, prefixes, typos, creators), and a search that finds nothing says how to search.</summary>
[Collection(FlattrAppCollection.Name)]
public sealed partial class SearchPageTests(FlattrApp app)
{
    [Fact]
    public async Task An_empty_search_says_how_to_search()
    {
        using var client = app.CreateClient();

        Assert.Equal(Texts.English.SearchHint, Hint(await client.GetStringAsync("/search")));
        Assert.Equal(Texts.English.SearchHint, Hint(await client.GetStringAsync("/search?q=+")));
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, Texts.English.SearchNoResults, "qqzzxxnothing"),
            Hint(await client.GetStringAsync("/search?q=qqzzxxnothing")));
    }

    [Fact]
    public async Task Search_finds_other_forms_of_a_word_prefixes_and_creators()
    {
        var creator = await app.CreateUserAsync("wrenfeather");
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id, new ThingSubmission(
            $"https://search.example.org/{Guid.NewGuid():N}", "Kestrels hovering over dunes", "Notes.", ThingCategories.Text, "en_GB"));
        using var client = app.CreateClient();

        foreach (var query in new[] { "kestrel", "kestr", "hover", "wrenfeather" })
        {
            var html = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString(query));
            Assert.Contains($"data-thing=\"{thing.Id}\"", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("en-GB,en;q=0.9")]
    [InlineData("fr-FR,fr;q=0.9")]
    [InlineData("de-DE,de;q=0.9")]
    public async Task A_common_words_total_says_more_than_a_thousand_in_the_readers_language(string acceptLanguage)
    {
        await CommonWordAsync();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        var culture = CultureInfo.GetCultureInfo(acceptLanguage[..5]);
        var texts = Texts.For(culture.TwoLetterISOLanguageName);

        var html = await client.GetStringAsync("/search?q=axolotl");

        Assert.Equal(string.Format(culture, texts.ResultsMoreThan, 1_000), ResultsCount(html));
        Assert.Contains("page=2", html, StringComparison.Ordinal);
    }

    /// <summary>1,001 listed things with the word "axolotl" in their titles (inserted once for the collection's database).</summary>
    async Task CommonWordAsync()
    {
        var creator = await app.CreateUserAsync("axolotlkeeper");
        await using var command = app.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            """
            INSERT INTO things (owner_id, url, title, category, language)
            SELECT $1, 'https://axolotl.example.org/' || i, 'Axolotl tank ' || i, 'text', 'en_GB' FROM generate_series(1, 1001) AS i
            ON CONFLICT (url) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = creator.Id });
        await command.ExecuteNonQueryAsync();
    }

    static string ResultsCount(string html)
    {
        var match = ResultsCountPattern().Match(html);
        Assert.True(match.Success, "The page shows no number of results.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("id=\"results-count\">([^<]*)<")]
    private static partial Regex ResultsCountPattern();

    static string Hint(string html)
    {
        var match = HintPattern().Match(html);
        Assert.True(match.Success, "The page has no search hint.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("id=\"search-hint\">([^<]*)<")]
    private static partial Regex HintPattern();
}
