using System.Net.Sockets;
using System.Text;
using Flattr.Faults.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Faults.Tests.Fuzz;

/// <summary>
/// Every route the app maps (read from its <see cref="EndpointDataSource"/>, so a new route is covered without touching this
/// test), web and API, sent control characters, NULs and invalid UTF-8 as raw bytes on the wire: in every route parameter,
/// in the query and in a form body (with a signed-in member's cookies and antiforgery token, so forms get past the token
/// check). Never a 5xx; a refused request that could write leaves every table as it was; the ledger audit passes.
/// </summary>
[Collection(FaultsAppCollection.Name)]
public sealed class RawInputFuzzTests(FaultsApp app, ITestOutputHelper output) : LedgerAuditedTests(app)
{
    /// <summary>Already on the wire: percent-encoded bytes that decode to nothing valid, and raw bytes no URL may carry.</summary>
    static readonly byte[][] Hostile =
    [
        "%00"u8.ToArray(), "a%00b"u8.ToArray(), "%FF%FE"u8.ToArray(), "%C3%28"u8.ToArray(), "%ED%A0%80"u8.ToArray(), "%0D%0A%09"u8.ToArray(),
        "%1B%5B31m%07%08%7F"u8.ToArray(), "%E2%80%AE%EF%BB%BF"u8.ToArray(), [0xFF, 0xFE, 0xC3, 0x28], [0x61, 0x00, 0x62], [0x09, 0x0B, 0x0C],
    ];

    static readonly string[] FormFields =
    [
        "Form.Title", "Form.Url", "Form.Description", "Form.Tags", "Username", "Email", "Password", "Login", "ReturnUrl", "returnUrl", "language",
        "amountCents", "amount", "thingId", "term", "name", "scope", "client_id", "redirect_uri", "code", "url", "title", "tags", "description",
    ];

    [Fact]
    public async Task Every_route_with_raw_control_characters_nuls_and_invalid_utf8_never_fails_and_refusals_change_nothing()
    {
        using var member = await App.MemberAsync("rawfuzz");
        var thing = await App.CreateThingAsync(member.User);
        var routes = App.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: e.RoutePattern, Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]))
            .Where(r => r.Pattern.RawText is not null)
            .DistinctBy(r => r.Pattern.RawText + string.Join(',', r.Methods))
            .ToList();
        var cookies = member.Session.Cookies.GetCookieHeader(App.BaseUri);
        var state = await App.FingerprintAsync();
        var (sent, refused, violations) = (0, 0, new List<string>());
        var seed = FuzzRunner.Seed(401);
        var random = new Random(seed);
        foreach (var (pattern, methods) in routes)
        {
            foreach (var method in methods.Where(m => m is "GET" or "POST" or "PUT" or "PATCH" or "DELETE"))
            {
                for (var round = 0; round < 3; round++)
                {
                    var value = Hostile[random.Next(Hostile.Length)];
                    var path = PathOf(pattern, value, thing);
                    var query = Concat("?q="u8.ToArray(), value, "&id="u8.ToArray(), value, "&"u8.ToArray(), value, "="u8.ToArray(), value);
                    byte[]? body = method == "GET" ? null : FormBody(pattern.Parameters.Select(p => p.Name), value, member.Token, random);
                    var status = await SendAsync(method, Concat(path, query), cookies, body);
                    sent++;
                    var what = $"{method} {pattern.RawText} with {Convert.ToHexString(value)}: {status}";
                    if (status is >= 500 or 0)
                    {
                        violations.Add(what);
                    }

                    if (method != "GET")
                    {
                        var after = await App.FingerprintAsync();
                        if (status >= 400 && after != state)
                        {
                            violations.Add(what + " refused but changed the state");
                        }

                        refused += status >= 400 ? 1 : 0;
                        state = after;
                    }
                }
            }
        }

        Assert.Equal(state, await App.FingerprintAsync());
        output.WriteLine($"seed {seed}: {routes.Count} routes, {sent} raw requests, {refused} writes refused, {violations.Count} violations");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Take(30)));
        Tally.Check(sent);
        await Invariants.AssertLedgerAuditOkAsync(App.Database);
    }

    /// <summary>The route with every parameter replaced by the hostile bytes (a known thing's id now and then, to reach deeper).</summary>
    static byte[] PathOf(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern, byte[] value, long thing)
    {
        var path = new List<byte>();
        foreach (var segment in pattern.PathSegments)
        {
            path.Add((byte)'/');
            foreach (var part in segment.Parts)
            {
                path.AddRange(part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => Encoding.ASCII.GetBytes(literal.Content),
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "id" or "thingId" } when value.Length == 3 =>
                        Encoding.ASCII.GetBytes(thing.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => value,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => Encoding.ASCII.GetBytes(separator.Content),
                    _ => [],
                });
            }
        }

        return path.Count == 0 ? "/"u8.ToArray() : [.. path];
    }

    static byte[] FormBody(IEnumerable<string> parameters, byte[] value, string token, Random random)
    {
        var body = new List<byte>(Encoding.ASCII.GetBytes("__RequestVerificationToken=" + Uri.EscapeDataString(token)));
        foreach (var field in parameters.Concat(FormFields.OrderBy(_ => random.Next()).Take(6)))
        {
            body.AddRange(Encoding.ASCII.GetBytes("&" + Uri.EscapeDataString(field) + "="));
            body.AddRange(value);
        }

        return [.. body];
    }

    /// <summary>One request written byte for byte over a fresh connection; the status code (0 when the app answered nothing).</summary>
    async Task<int> SendAsync(string method, byte[] target, string cookies, byte[]? body)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(App.BaseUri.Host, App.BaseUri.Port);
        var stream = tcp.GetStream();
        var head = new StringBuilder().Append(method).Append(' ');
        var request = new List<byte>(Encoding.ASCII.GetBytes(head.ToString()));
        request.AddRange(target);
        request.AddRange(Encoding.ASCII.GetBytes($" HTTP/1.1\r\nHost: {App.BaseUri.Authority}\r\nCookie: {cookies}\r\nAccept: text/html\r\nConnection: close\r\n"));
        if (body is not null)
        {
            request.AddRange(Encoding.ASCII.GetBytes($"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {body.Length}\r\n"));
        }

        request.AddRange("\r\n"u8.ToArray());
        request.AddRange(body ?? []);
        Tally.Request();
        try
        {
            await stream.WriteAsync(request.ToArray());
            using var reader = new StreamReader(stream, Encoding.Latin1);
            var status = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return status is { Length: >= 12 } && int.TryParse(status.AsSpan(9, 3), out var code) ? code : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
