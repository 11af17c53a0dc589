using Flattr.Web.Tests.Support;
using Microsoft.Playwright;

namespace Flattr.Web.Tests.Accessibility;

/// <summary>
/// The site's header in each language and at the widths people use: on a desktop window every link, the search box and the
/// account links stand on one row, inside the window and without overlapping; on a tablet or phone the header takes two rows
/// (the brand with the menu button, then the search box), and the menu button opens every link, each inside the screen.
/// </summary>
[Collection(FlattrAppCollection.Name)]
public sealed class HeaderLayoutTests(FlattrApp app, Browser browser, ITestOutputHelper output)
{
    /// <summary>A wide desktop and the narrowest window with the one-row header (site.css: compact below 1001 px).</summary>
    static readonly int[] DesktopWidths = [1280, 1024];

    /// <summary>A tablet held sideways and upright, a common phone and the narrowest phone we support.</summary>
    static readonly int[] CompactWidths = [1000, 768, 390, 360];

    [Theory]
    [InlineData("en-GB")]
    [InlineData("fr-FR")]
    [InlineData("de-DE")]
    public async Task The_header_is_one_row_on_desktop_windows_and_two_on_tablets_and_phones_whose_menu_opens_every_link(string locale)
    {
        var giver = await app.CreateUserAsync("headergiver", depositCents: 2000);
        var faults = new List<string>();
        await using (var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = locale }))
        {
            var signedOut = await context.NewPageAsync();
            await signedOut.GotoAsync(new Uri(app.BaseUri, "/").ToString());
            faults.AddRange(await MeasureAllAsync(signedOut, "signed out"));
        }

        await using (var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = locale }))
        {
            var signedIn = await BrowserSteps.SignInAsync(context, app, giver);
            await signedIn.GotoAsync(new Uri(app.BaseUri, "/").ToString());
            faults.AddRange(await MeasureAllAsync(signedIn, "signed in"));
        }

        Assert.True(faults.Count == 0, $"The header in {locale}:\n" + string.Join('\n', faults));
    }

    async Task<List<string>> MeasureAllAsync(IPage page, string who)
    {
        var faults = new List<string>();
        var links = await page.Locator(".topbar .mainnav a, .topbar .usernav > *").CountAsync();
        foreach (var width in DesktopWidths.Concat(CompactWidths))
        {
            await page.SetViewportSizeAsync(width, 800);
            var rows = await RowsAsync(page, width);
            output.WriteLine($"{who}, {width} px: {rows.Count} header rows ({string.Join(" | ", rows)})");
            var allowed = DesktopWidths.Contains(width) ? 1 : 2;
            if (rows.Count > allowed)
            {
                faults.Add($"{who}, {width} px: {rows.Count} rows where {allowed} fit ({string.Join(" | ", rows)})");
            }

            if (DesktopWidths.Contains(width))
            {
                continue;
            }

            var toggle = page.Locator(".menu-toggle");
            await toggle.ClickAsync();
            var shown = await page.EvaluateAsync<string[]>("""
                width => [...document.querySelectorAll(".topbar .mainnav a, .topbar .usernav > *")].map(el => {
                  const r = el.getBoundingClientRect();
                  return r.width > 0 && r.height >= 24 && r.left >= -0.5 && r.right <= width + 0.5 ? "" : (el.textContent.trim() + " at " + Math.round(r.left) + "–" + Math.round(r.right) + ", " + Math.round(r.height) + " px high");
                }).filter(s => s)
                """, width);
            output.WriteLine($"{who}, {width} px, menu open: {links - shown.Length} of {links} links shown");
            faults.AddRange(shown.Select(s => $"{who}, {width} px, menu open: {s} is not shown whole inside the screen (24 px high at least)"));
            Assert.Equal("true", await toggle.GetAttributeAsync("aria-expanded"));
            if (width == 390)
            {
                await Screenshots.SaveAsync(page, $"header-menu-{who.Replace(' ', '-')}-{await page.EvaluateAsync<string>("document.documentElement.lang")}", output);
            }

            await page.Keyboard.PressAsync("Escape");
            Assert.Equal("false", await toggle.GetAttributeAsync("aria-expanded"));
            Assert.False(await page.Locator(".topbar .mainnav").IsVisibleAsync(), "Escape closes the menu");
        }

        return faults;
    }

    /// <summary>
    /// The header's visible pieces grouped by the row they stand on (items overlapping vertically share a row); a piece
    /// that reaches past the window's edge or overlaps its neighbour in the row counts as a row of its own, as it is no
    /// better for the reader.
    /// </summary>
    static async Task<List<string>> RowsAsync(IPage page, int width)
    {
        var rows = await page.EvaluateAsync<string[][]>("""
            width => {
              const items = [...document.querySelectorAll(".topbar .brand, .topbar .menu-toggle, .topbar .mainnav a, .topbar .searchbox, .topbar .usernav > *")]
                .map(el => ({ name: (el.textContent || el.className).trim() || el.className, r: el.getBoundingClientRect() }))
                .filter(i => i.r.width > 0 && i.r.height > 0)
                .sort((a, b) => a.r.top - b.r.top || a.r.left - b.r.left);
              const rows = [];
              for (const item of items) {
                const row = rows.find(r => item.r.top < r.bottom - 2 && item.r.bottom > r.top + 2);
                const overflows = item.r.right > width + 0.5 || item.r.left < -0.5;
                const overlaps = row && row.items.some(o => item.r.left < o.r.right - 0.5 && item.r.right > o.r.left + 0.5);
                if (row && !overflows && !overlaps) { row.items.push(item); row.top = Math.min(row.top, item.r.top); row.bottom = Math.max(row.bottom, item.r.bottom); }
                else { rows.push({ top: item.r.top, bottom: item.r.bottom, items: [item], why: overflows ? "past the edge" : overlaps ? "overlapping" : "" }); }
              }
              return rows.map(r => r.items.map(i => i.name).concat(r.why ? ["(" + r.why + ")"] : []));
            }
            """, width);
        return [.. rows.Select(r => string.Join(", ", r))];
    }
}
