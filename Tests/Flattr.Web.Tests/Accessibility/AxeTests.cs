using System.Text.Json;
using Flattr.Web.Tests.Support;
using Microsoft.Playwright;

namespace Flattr.Web.Tests.Accessibility;

/// <summary>
/// axe-core (Web/package.json's devDependency, copied beside the tests) over every page, signed out and signed in, on a
/// desktop and a phone: no serious or critical finding (contrast, names, labels, landmarks…).
/// </summary>
[Collection(FlattrAppCollection.Name)]
public sealed class AxeTests(FlattrApp app, Browser browser, ITestOutputHelper output)
{
    static readonly string AxeScript = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");

    [Theory]
    [InlineData(1280, "en-GB")]
    [InlineData(390, "fr-FR")]
    public async Task No_page_has_a_serious_or_critical_accessibility_finding(int width, string locale)
    {
        var pages = await SitePages.CreateAsync(app);
        var findings = new List<string>();
        await using (var signedOut = await NewContextAsync(width, locale))
        {
            var page = await signedOut.NewPageAsync();
            foreach (var path in pages.SignedOut)
            {
                findings.AddRange(await AnalyseAsync(page, path));
            }
        }

        await using (var signedIn = await NewContextAsync(width, locale))
        {
            var page = await BrowserSteps.SignInAsync(signedIn, app, pages.Giver);
            foreach (var path in pages.SignedIn)
            {
                findings.AddRange(await AnalyseAsync(page, path));
            }
        }

        Assert.True(findings.Count == 0, "axe-core found:\n" + string.Join('\n', findings));
    }

    // The pages forbid inline script (CSP); the injected engine is the test's, not the page's.
    Task<IBrowserContext> NewContextAsync(int width, string locale) => browser.Chromium.NewContextAsync(new BrowserNewContextOptions
    {
        Locale = locale, ViewportSize = new ViewportSize { Width = width, Height = 900 }, BypassCSP = true,
    });

    async Task<IEnumerable<string>> AnalyseAsync(IPage page, string path)
    {
        await page.GotoAsync(new Uri(app.BaseUri, path).ToString());
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ["violations"] });
              return result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => v.impact + " " + v.id + ": " + v.help + " — " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "));
            }
            """);
        var found = violations.EnumerateArray().Select(v => path + ": " + v.GetString()).ToList();
        output.WriteLine($"{path}: {found.Count} serious or critical");
        return found;
    }
}
