using Microsoft.Playwright;

namespace Flattr.Web.Tests.Support;

/// <summary>What a person does in the browser, step by step.</summary>
public static class BrowserSteps
{
    public static async Task<IPage> SignInAsync(IBrowserContext context, FlattrApp app, TestUser user, string returnUrl = "/me")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(user);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseUri, "/signin?returnUrl=" + Uri.EscapeDataString(returnUrl)).ToString());
        await page.FillAsync("#Login", user.Username);
        await page.FillAsync("#Password", FlattrApp.Password);
        await page.ClickAsync("button[type=submit].btn");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnUrl.Split('?')[0]);
        return page;
    }

    /// <summary>Waits until the page's SignalR connection is up and its groups are joined.</summary>
    public static Task WaitForLiveAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.documentElement.getAttribute('data-live') === 'on'");
}
