using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Flattr.Things;
using Flattr.Web.Button;
using Flattr.Web.Localization;
using Flattr.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace Flattr.Web.Tests.Pages;

/// <summary>
/// Every page and every error explanation in French and German, read as a visitor sees them: no word of them may be an English
/// word of the interface that French and German never use. Brand and technical names are the short list of allowed words.
/// </summary>
[Collection(FlattrAppCollection.Name)]
public sealed partial class TranslatedPagesTests(FlattrApp app)
{
    /// <summary>Names that stay as they are in every language.</summary>
    static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "flattr", "api", "pkce", "oauth", "e-mail", "email",

        // The API's scope names (identifiers), and "Name", a German word too.
        "thing", "extendedread", "name",
    };

    [Theory]
    [InlineData("fr-FR,fr;q=0.9")]
    [InlineData("de-DE,de;q=0.9")]
    [InlineData("fr-CH")]
    [InlineData("de-AT")]
    public async Task Every_page_shows_no_english_word_in_french_or_german(string acceptLanguage)
    {
        var (creator, giver, thingId) = await SeedAsync();
        using var asCreator = await app.SignInAsync(creator, acceptLanguage);
        using var asGiver = await app.SignInAsync(giver, acceptLanguage);
        using var visitor = app.CreateClient();
        visitor.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        var month = Month.Current(TimeProvider.System);

        var pages = new List<(HttpClient Client, string Path)>
        {
            (visitor, "/"), (visitor, "/trending"), (visitor, "/browse"), (visitor, "/browse?q=zorblax"), (visitor, "/browse?q=nothingmatchesthis"), (visitor, "/search"),
            (visitor, "/activity"), (visitor, "/signin"), (visitor, "/signup"), (visitor, $"/profile/{creator.Username}"),
            (visitor, $"/things/{thingId}"), (visitor, "/things/999999999"), (visitor, "/no/such/page"),
            (asGiver, "/me"), (asGiver, $"/me/statements/{month}"), (asGiver, "/me/statements/2001-01"), (asGiver, $"/things/{thingId}"),
            (asCreator, "/dashboard"), (asCreator, "/things/new"), (asCreator, $"/things/{thingId}/edit"),
            (asCreator, "/settings/tokens"), (asCreator, "/settings/applications"),
        };

        // A refused top-up and a refused flattr leave their notices on the page, in the reader's language.
        await asGiver.PostFormAsync("/me", "TopUp", ("amount", "5"));
        pages.Add((asGiver, "/me"));

        var english = EnglishOnlyWords();
        var content = await UserContentAsync();
        var found = new List<string>();
        foreach (var (client, path) in pages)
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path} answered {response.StatusCode}.");
            var words = VisibleWords(content.Aggregate(VisibleText(await response.Content.ReadAsStringAsync()),
                (text, written) => text.Replace(written, " ", StringComparison.Ordinal)));
            found.AddRange(words.Where(english.Contains).Distinct().Select(w => $"{path}: {w}"));
        }

        Assert.True(found.Count == 0, "English words on the pages: " + string.Join(", ", found));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("de")]
    public void Every_error_code_is_explained_in_the_readers_language(string language)
    {
        var codes = typeof(FlattrErrors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        var english = EnglishOnlyWords();
        var previous = CultureInfo.CurrentUICulture;
        var previousCulture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(language);
            var errors = codes.Select(code => new FlattrException(code, "An English description from a grain, which pages must not show."))
                .Append(new FlattrException(FlattrErrors.InvalidParameters, "A deposit must be at least 8.00 EUR; got 5.00 EUR.")
                {
                    AmountRule = AmountRules.DepositMinimum,
                    Amounts = [800, 500],
                })
                .Append(new FlattrException(FlattrErrors.InvalidParameters, "A deposit may be at most 10000.00 EUR.")
                {
                    AmountRule = AmountRules.DepositMaximum,
                    Amounts = [1_000_000, 2_000_000],
                })
                .Append(new FlattrException(FlattrErrors.InvalidParameters, "A monthly budget must be between 2.00 EUR and 100.00 EUR.")
                {
                    AmountRule = AmountRules.BudgetRange,
                    Amounts = [200, 10_000, 1],
                });
            var englishWords = errors
                .Select(e => (e.Code, Text: Flattring.Explain(e)))
                .SelectMany(e => Words(e.Text).Where(english.Contains).Select(w => $"{e.Code}: {w} in \"{e.Text}\""))
                .ToList();
            Assert.True(englishWords.Count == 0, "English words in the explanations: " + string.Join(", ", englishWords));
            Assert.Contains("8,00", Flattring.Explain(errors.First(e => e.AmountRule == AmountRules.DepositMinimum)), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
            CultureInfo.CurrentCulture = previousCulture;
        }
    }

    [Theory]
    [InlineData("en-GB,en;q=0.9")]
    [InlineData("fr-CH")]
    [InlineData("de-AT")]
    [InlineData("en-US")]
    public async Task Dates_months_and_amounts_follow_the_browsers_region_while_texts_follow_its_language(string acceptLanguage)
    {
        var (creator, giver, _) = await SeedAsync();
        using var asGiver = await app.SignInAsync(giver, acceptLanguage);
        using var asCreator = await app.SignInAsync(creator, acceptLanguage);
        var region = CultureInfo.GetCultureInfo(acceptLanguage.Split(',')[0]);
        var texts = Texts.For(region.TwoLetterISOLanguageName);
        var month = Month.Current(TimeProvider.System);
        var me = VisibleText(await asGiver.GetStringAsync("/me"));
        var dashboard = VisibleText(await asCreator.GetStringAsync("/dashboard"));

        var giverMonth = await app.Grains.GetWallet(giver.Id, month).GetMonth();
        Assert.Contains(texts.BudgetThisMonth, me, StringComparison.Ordinal);
        Assert.Contains(giverMonth.Clicks.Single().At.UtcDateTime.ToString("g", region), me, StringComparison.Ordinal);
        var euros = (CultureInfo)region.Clone();
        euros.NumberFormat.CurrencySymbol = "€";
        // With no-break spaces, so that no line ends inside an amount.
        Assert.Contains((giverMonth.BalanceCents / 100m).ToString("C2", euros).Replace(' ', '\u00A0'), me, StringComparison.Ordinal);
        var monthInWords = month.FirstDay.ToString(region.DateTimeFormat.YearMonthPattern, region);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, texts.DashboardLead, monthInWords), dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain(month.ToString(), dashboard + me, StringComparison.Ordinal);
    }

    async Task<(TestUser Creator, TestUser Giver, long ThingId)> SeedAsync()
    {
        var creator = await app.CreateUserAsync("zorba", depositCents: 2000);
        var giver = await app.CreateUserAsync("quix", depositCents: 2000);
        var thing = await app.Grains.GetThingRegistry().Register(creator.Id,
            new ThingSubmission($"https://zorblax.example.org/{Guid.NewGuid():N}", "Zorblax Quuxian", "Qwyx zorblax.", ThingCategories.Text, "fr_FR"));
        await app.Grains.GetWallet(giver.Id, Month.Current(TimeProvider.System)).Flattr(thing.Id, anonymous: false);
        return (creator, giver, thing.Id);
    }

    /// <summary>What users wrote (other tests' things and names too: the app is shared), longest first: not the interface's words.</summary>
    async Task<List<string>> UserContentAsync()
    {
        var database = app.Services.GetRequiredService<NpgsqlDataSource>();
        await using var command = database.CreateCommand("""
            SELECT title FROM things UNION SELECT description FROM things UNION SELECT unnest(tags) FROM things UNION SELECT url FROM things
            UNION SELECT display_name FROM users UNION SELECT username FROM users
            """);
        await using var reader = await command.ExecuteReaderAsync();
        var content = new List<string>();
        while (await reader.ReadAsync())
        {
            if (!reader.IsDBNull(0) && reader.GetString(0).Trim().Length > 0)
            {
                content.Add(reader.GetString(0).Trim());
            }
        }

        return [.. content.OrderByDescending(c => c.Length)];
    }

    /// <summary>
    /// Words of the English interface that neither the French nor the German one uses: the site's texts, the API pages' and
    /// the earnings page's, each in their three languages.
    /// </summary>
    static HashSet<string> EnglishOnlyWords()
    {
        static IEnumerable<string> WordsOf(object texts) => texts.GetType().GetProperties()
            .Where(p => p.PropertyType == typeof(string) && p.GetMethod is { IsStatic: false })
            .SelectMany(p => Words((string)p.GetValue(texts)!));
        object[] english = [Texts.English, global::Flattr.Web.Api.Localization.ApiTexts.English, global::Flattr.Web.Earnings.Localization.EarningsTexts.English];
        object[] others =
        [
            Texts.French, Texts.German,
            global::Flattr.Web.Api.Localization.ApiTexts.French, global::Flattr.Web.Api.Localization.ApiTexts.German,
            global::Flattr.Web.Earnings.Localization.EarningsTexts.French, global::Flattr.Web.Earnings.Localization.EarningsTexts.German,
        ];
        var words = english.SelectMany(WordsOf).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var texts in others)
        {
            words.ExceptWith(WordsOf(texts));
        }

        words.ExceptWith(Allowed);
        return words;
    }

    /// <summary>The words of a page's visible text, without the language switch's names.</summary>
    static IEnumerable<string> VisibleWords(string text) =>
        Words(text).Where(w => w is not ("English" or "Français" or "Deutsch"));

    /// <summary>The page's text as a reader sees it (no scripts, styles or tags; entities decoded; spaces collapsed).</summary>
    static string VisibleText(string html)
    {
        var text = Hidden().Replace(html, " ");
        text = Tag().Replace(text, " ");
        return Spaces().Replace(WebUtility.HtmlDecode(text), " ");
    }

    static IEnumerable<string> Words(string text) => Word().Matches(text).Select(m => m.Value);

    // Scripts, styles, and code for other sites to paste (embed snippets: HTML, not sentences).
    [GeneratedRegex(@"<(script|style|template|pre|code|textarea)\b.*?</\1>|<!--.*?-->", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\r\n]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\p{L}{3,}")]
    private static partial Regex Word();
}
