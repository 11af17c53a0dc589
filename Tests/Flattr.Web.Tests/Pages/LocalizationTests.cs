using Flattr.Web.Localization;
using Flattr.Web.Tests.Support;

namespace Flattr.Web.Tests.Pages;

[Collection(FlattrAppCollection.Name)]
public sealed class LocalizationTests(FlattrApp app)
{
    [Theory]
    [InlineData("fr-FR,fr;q=0.9,en;q=0.5", "Tendances")]
    [InlineData("de-AT,de;q=0.8", "Im Trend")]
    [InlineData("es-ES", "Trending")]
    public async Task Accept_language_picks_the_interface_language(string acceptLanguage, string heading)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        var html = await client.GetStringAsync("/trending");
        Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_language_has_its_own_sentence_for_the_visible_texts()
    {
        // The compiler already forces every language to define every text; this checks none was left in English by mistake.
        var properties = typeof(Texts).GetProperties().Where(p => p.PropertyType == typeof(string) && p.GetMethod!.IsStatic == false).ToList();
        var sameAsEnglish = new[] { Texts.French, Texts.German }
            .SelectMany(t => properties.Where(p => (string)p.GetValue(t)! == (string)p.GetValue(Texts.English)!).Select(p => p.Name))
            .Distinct()
            .Except(["CategoryText", "CategoryImages", "CategoryVideo", "CategoryAudio", "CategorySoftware", "MonthStatusLine", "Live",
                "NavDashboard", "NavMenu", "BadgeColumn", "DescriptionLabel", "Givers", "GiversColumn", "Balance", "SourceButton", "FlattrsTotal", "TotalColumn"])
            .ToList();
        Assert.Empty(sameAsEnglish);
    }
}
