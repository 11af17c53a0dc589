using Flattr.Web.Tests.Support;
using Microsoft.Playwright;

namespace Flattr.Web.Tests.Accessibility;

/// <summary>Every page on a 360 px phone, in each language: nothing scrolls sideways.</summary>
[Collection(FlattrAppCollection.Name)]
public sealed class NarrowScreenTests(FlattrApp app, Browser browser, ITestOutputHelper output)
{
    const int Width = 360;

    [Theory]
    [InlineData("en-GB")]
    [InlineData("fr-FR")]
    [InlineData("de-DE")]
    public async Task No_page_is_wider_than_a_360_px_screen(string locale)
    {
        var pages = await SitePages.CreateAsync(app);
        var wide = new List<string>();
        await using (var signedOut = await NewPhoneAsync(locale))
        {
            var page = await signedOut.NewPageAsync();
            foreach (var path in pages.SignedOut)
            {
                wide.AddRange(await MeasureAsync(page, path));
            }
        }

        await using (var signedIn = await NewPhoneAsync(locale))
        {
            var page = await BrowserSteps.SignInAsync(signedIn, app, pages.Giver);
            foreach (var path in pages.SignedIn)
            {
                wide.AddRange(await MeasureAsync(page, path));
            }

            await Screenshots.SaveAsync(page, "phone-me-" + locale, output);
        }

        Assert.True(wide.Count == 0, "Wider than the screen at 360 px (" + locale + "):\n" + string.Join('\n', wide));
    }

    Task<IBrowserContext> NewPhoneAsync(string locale) => browser.Chromium.NewContextAsync(new BrowserNewContextOptions
    {
        Locale = locale, ViewportSize = new ViewportSize { Width = Width, Height = 740 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
    });

    async Task<IEnumerable<string>> MeasureAsync(IPage page, string path)
    {
        await page.GotoAsync(new Uri(app.BaseUri, path).ToString());
        // Against the phone's width, not window.innerWidth: a mobile browser widens its layout viewport to content that
        // overflows (and zooms out), so innerWidth grows with the very overflow this looks for.
        var measure = await page.EvaluateAsync<System.Text.Json.JsonElement>("""
            viewport => {
              let widest = "";
              for (const el of document.body.querySelectorAll("*")) {
                const r = el.getBoundingClientRect();
                if (r.right > viewport + 0.5 && !widest) { widest = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + "." + el.className + " right=" + Math.round(r.right); }
              }
              return { scrollWidth: document.documentElement.scrollWidth, viewport, widest };
            }
            """, Width);
        var scrollWidth = measure.GetProperty("scrollWidth").GetInt32();
        var viewport = measure.GetProperty("viewport").GetInt32();
        var widest = measure.GetProperty("widest").GetString();
        output.WriteLine($"{path}: scrollWidth {scrollWidth}, viewport {viewport}");
        return scrollWidth <= viewport ? [] : [$"{path}: scrollWidth {scrollWidth} > {viewport} (first overflowing: {widest})"];
    }
}
