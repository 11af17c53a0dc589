using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Flattr.Things;
using Flattr.Web.Localization;
using Flattr.Web.Tests.Support;
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

    static string Hint(string html)
    {
        var match = HintPattern().Match(html);
        Assert.True(match.Success, "The page has no search hint.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("id=\"search-hint\">([^<]*)<")]
    private static partial Regex HintPattern();
}
