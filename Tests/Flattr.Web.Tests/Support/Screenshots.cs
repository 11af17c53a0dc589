using Microsoft.Playwright;

namespace Flattr.Web.Tests.Support;

/// <summary>Saves page screenshots under <c>test-artifacts/screenshots/</c> at the repository root and names them in the output.</summary>
public static class Screenshots
{
    public static string Directory { get; } = Locate();

    public static async Task<string> SaveAsync(IPage page, string name, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(output);
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: test-artifacts/screenshots/{name}.png");
        return path;
    }

    static string Locate()
    {
        var root = typeof(Screenshots).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .First(a => a.Key == "RepositoryRoot").Value!;
        var path = Path.Combine(root, "test-artifacts", "screenshots");
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}
