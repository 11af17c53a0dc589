using System.Globalization;
using System.Reflection;
using Flattr.Web.Accounts;
using Flattr.Web.Hosting;
using Flattr.Web.Live;
using Flattr.Web.Security;
using Microsoft.Net.Http.Headers;
using QRCoder;
using Orleans;

namespace Flattr.Web.Button;

/// <summary>
/// The button's endpoints: its scripts, the SVG badges and count JSON (ETag-cacheable, counts from grain memory), QR codes,
/// the frame's question whether its reader flattred, and the JSON flattr/undo used by Flattr's own pages (antiforgery-checked,
/// rate-limited).
/// </summary>
public static class ButtonEndpoints
{
    /// <summary>How long a badge or count may be used without asking again: a few seconds, then revalidated by ETag.</summary>
    public const string BadgeCacheControl = "public, max-age=5, must-revalidate";

    public static IEndpointRouteBuilder MapButtonEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The loader is fetched by every page that embeds a button, from any site.
        endpoints.MapGet("/button.js", (HttpContext http) => Script(http, "button.js"));
        endpoints.MapGet("/button/frame.js", (HttpContext http) => Script(http, "frame.js"));
        endpoints.MapGet("/button/confirm.js", (HttpContext http) => Script(http, "confirm.js"));

        endpoints.MapGet("/things/{id:long}/button.svg", async (long id, HttpContext http, IGrainFactory grains, BadgeRenderer badges) =>
            await Badge(http, badges, await grains.FindAsync(id, null)));
        endpoints.MapGet("/button.svg", async (string? url, HttpContext http, IGrainFactory grains, BadgeRenderer badges) =>
            await Badge(http, badges, await grains.FindAsync(null, url)));

        // The counts as JSON, for scripts that show them beside their own button (the same shape the live hub pushes).
        endpoints.MapGet("/things/{id:long}/count.json", async (long id, HttpContext http, IGrainFactory grains) =>
            Count(http, await grains.FindAsync(id, null)));

        // The button frame asks this once the browser lets it send Flattr's cookies (the Storage Access API, after the reader's
        // click): whether its reader flattred the thing. No CORS header and same-origin resource policy: only the frame reads it.
        endpoints.MapGet("/button/flattred", async (long? thing, HttpContext http, IGrainFactory grains, TimeProvider time, ReaderCookie reader) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (await grains.FindAsync(thing, null) is not { } found)
            {
                return ErrorResponses.Result(FlattrErrors.NotFound, Localization.Texts.Current.ErrorNotFound);
            }

            var flattred = reader.Reader(http) is { } readerId && await grains.WalletNow(readerId, time).HasFlattred(found.Info.Id);
            return Results.Json(new ReaderFlattr(found.Info.Id, flattred), WebJsonContext.Default.ReaderFlattr);
        });

        endpoints.MapGet("/things/{id:long}/qr.svg", async (long id, HttpContext http, IGrainFactory grains) =>
        {
            if (await grains.FindAsync(id, null) is null)
            {
                return Results.NotFound();
            }

            // Scanning opens the thing's page, where a signed-in giver flattrs in one tap: Flattr in real life.
            var target = http.Request.Absolute(string.Create(CultureInfo.InvariantCulture, $"/things/{id}?via=qr"));
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(target, QRCodeGenerator.ECCLevel.M);
            var svg = new SvgQRCode(data).GetGraphic(8, "#1f2a1a", "#ffffff", drawQuietZones: true);
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Text(svg, "image/svg+xml");
        });

        endpoints.MapPost("/things/{id:long}/flattr", async (long id, bool? anonymous, HttpContext http, IGrainFactory grains, TimeProvider time) =>
        {
            if (http.User.UserId() is not { } giverId)
            {
                return ErrorResponses.Result(FlattrErrors.Unauthorized, Localization.Texts.Current.ErrorSignInToFlattr);
            }

            try
            {
                // Without a choice in the request, the giver's setting decides (anonymous by default or not).
                var result = await grains.WalletNow(giverId, time).Flattr(id, anonymous ?? (await grains.GetUser(giverId).GetProfile()).AnonymousByDefault);
                return Results.Json(result.ToResponse(), WebJsonContext.Default.FlattrResponse);
            }
            catch (FlattrException e)
            {
                return ErrorResponses.Result(e.Code, Flattring.Explain(e));
            }
        }).RequireRateLimiting(RateLimits.Flattr).WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());

        return endpoints;
    }

    static IResult Script(HttpContext http, string name)
    {
        var script = Scripts.Get(name);
        http.Response.Headers.CacheControl = "public, max-age=300";
        http.Response.Headers.ETag = script.ETag;
        if (http.Request.Headers.IfNoneMatch.ToString() == script.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        // Loaded by other sites' pages: allow them to read it (it is public and carries no user data).
        http.Response.Headers.AccessControlAllowOrigin = "*";
        return Results.Text(script.Text, "text/javascript; charset=utf-8");
    }

    static Task<IResult> Badge(HttpContext http, BadgeRenderer badges, Flattr.Things.ThingSnapshot? thing)
    {
        var count = thing?.Counts.Total ?? 0;
        var etag = string.Create(CultureInfo.InvariantCulture, $"\"b{thing?.Info.Id ?? 0}-{count}\"");
        var headers = http.Response.Headers;
        headers.ETag = etag;
        // A README badge (through an image proxy) or a feed is fresh within seconds; after that a cache revalidates with the
        // ETag and gets a 304 while the count is unchanged: a grain read from memory and no body.
        headers.CacheControl = BadgeCacheControl;
        // An SVG opened directly is a document: it must not run script or load anything.
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *";
        return Task.FromResult(IsNotModified(http, etag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Text(badges.Render(count), "image/svg+xml"));
    }

    static IResult Count(HttpContext http, Flattr.Things.ThingSnapshot? thing)
    {
        if (thing is null)
        {
            return ErrorResponses.Result(FlattrErrors.NotFound, Localization.Texts.Current.ErrorNotFound);
        }

        var counts = thing.Counts;
        var etag = string.Create(CultureInfo.InvariantCulture, $"\"c{thing.Info.Id}-{counts.Month}-{counts.ThisMonth}-{counts.Total}\"");
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = BadgeCacheControl;
        // Public counts, read by scripts on any site.
        headers.AccessControlAllowOrigin = "*";
        return IsNotModified(http, etag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Json(new LiveCount(thing.Info.Id, counts.ThisMonth, counts.Total), WebJsonContext.Default.LiveCount);
    }

    /// <summary>Whether the request's If-None-Match names <paramref name="etag"/> (weakly); most reads carry none and skip parsing.</summary>
    static bool IsNotModified(HttpContext http, string etag)
    {
        var ifNoneMatch = http.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count == 0)
        {
            return false;
        }

        var current = new EntityTagHeaderValue(etag);
        return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags) && tags.Any(t => t.Compare(current, useStrongComparison: false));
    }

    /// <summary>The button's scripts, embedded in the assembly beside this code (Button/Scripts/*.js).</summary>
    static class Scripts
    {
        const string Prefix = "button-scripts/";
        static readonly Dictionary<string, (string Text, string ETag)> Loaded = Load();

        public static (string Text, string ETag) Get(string name) => Loaded[name];

        static Dictionary<string, (string Text, string ETag)> Load()
        {
            var assembly = Assembly.GetExecutingAssembly();
            var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
            {
                using var stream = assembly.GetManifestResourceStream(resource)!;
                using var reader = new StreamReader(stream);
                var text = reader.ReadToEnd();
                var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
                result[resource[Prefix.Length..]] = (text, "\"" + hash + "\"");
            }

            return result;
        }
    }
}
