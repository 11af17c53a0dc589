using Microsoft.Playwright;

namespace Flattr.Web.Tests.Support;

/// <summary>Debian's headless Chromium driven by Playwright (never a downloaded browser).</summary>
public sealed class Browser : IAsyncLifetime
{
    IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A fresh browser profile (cookies, storage), optionally with a locale (Accept-Language).</summary>
    public Task<IBrowserContext> NewContextAsync(string locale = "en-GB") =>
        Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
}
