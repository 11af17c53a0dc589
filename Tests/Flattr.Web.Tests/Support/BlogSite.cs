using Flattr.Silo.Hosting;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flattr.Web.Tests.Support;

/// <summary>
/// Somebody's blog on another site (<c>localhost:&lt;port&gt;</c>, while Flattr is on 127.0.0.1): a tiny Kestrel app that
/// serves pages embedding Flattr's button, or trying to frame Flattr's own pages.
/// </summary>
public sealed class BlogSite : IAsyncDisposable
{
    readonly WebApplication _app;

    BlogSite(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <param name="pages">Path → HTML.</param>
    public static Task<BlogSite> StartAsync(IReadOnlyDictionary<string, string> pages) =>
        StartAsync(app =>
        {
            foreach (var (path, html) in pages)
            {
                app.MapGet(path, () => Results.Content(html, "text/html; charset=utf-8"));
            }
        });

    /// <param name="map">Maps the site's endpoints (redirects, slow or large answers, plain files).</param>
    public static async Task<BlogSite> StartAsync(Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var port = FreePorts.Take();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new BlogSite(app, new Uri($"http://localhost:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
