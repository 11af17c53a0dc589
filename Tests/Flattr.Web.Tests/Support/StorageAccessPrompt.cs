using Microsoft.Playwright;

namespace Flattr.Web.Tests.Support;

/// <summary>
/// The reader's answer to the browser's storage-access prompt. Headless Chromium shows no prompt (it refuses the request);
/// the test answers "Allow" beforehand, as WebDriver's "Set Permission" does for the Storage Access API: the permission
/// <c>storage-access</c> for the frame's origin embedded in the top-level site, set through the DevTools protocol.
/// The frame still gets no access until it calls <c>document.requestStorageAccess()</c>.
/// </summary>
public static class StorageAccessPrompt
{
    /// <summary>Grants storage access to <paramref name="embedded"/>'s frames on <paramref name="topLevel"/>'s pages, in <paramref name="page"/>'s profile.</summary>
    public static async Task AllowAsync(Browser browser, IPage page, Uri topLevel, Uri embedded)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(topLevel);
        ArgumentNullException.ThrowIfNull(embedded);
        var pageSession = await page.Context.NewCDPSessionAsync(page);
        var target = await pageSession.SendAsync("Target.getTargetInfo");
        var contextId = target!.Value.GetProperty("targetInfo").GetProperty("browserContextId").GetString()!;
        await pageSession.DetachAsync();
        // Kept attached: Chromium drops a session's permission overrides when the session detaches.
        var browserSession = await browser.Chromium.NewBrowserCDPSessionAsync();
        await browserSession.SendAsync("Browser.setPermission", new Dictionary<string, object>
        {
            ["permission"] = new Dictionary<string, object> { ["name"] = "storage-access" },
            ["setting"] = "granted",
            ["origin"] = topLevel.GetLeftPart(UriPartial.Authority),
            ["embeddedOrigin"] = embedded.GetLeftPart(UriPartial.Authority),
            ["browserContextId"] = contextId,
        });
    }
}
