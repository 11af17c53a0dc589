using System.Net;
using System.Text;
using Flattr.Testing.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Orleans;
using Microsoft.Extensions.DependencyInjection;

namespace Flattr.Faults.Tests.Support;

/// <summary>
/// The real app as deployed (Production: HSTS, host filtering, the configured public address <see cref="PublicBaseUrl"/>)
/// on ASP.NET Core's test server, its own database, with the mail outbox shown as demo mode shows it. Requests are sent with
/// the connection's remote address of the test's choice: a trusted proxy (loopback) or a client anywhere.
/// </summary>
public sealed class ProductionApp : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://flattr.test/";

    /// <summary>A second name the site answers to (AllowedHosts), which must never appear in a link.</summary>
    public const string AliasHost = "alias.flattr.test";

    public static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");

    WebApplicationFactory<Program>? _factory;
    TestDatabase? _database;

    public IServiceProvider Services => Factory.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The app is not started.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("production");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("ConnectionStrings:Flattr", _database.ConnectionString);
            web.UseSetting("Flattr:Web:PublicBaseUrl", PublicBaseUrl);
            web.UseSetting("AllowedHosts", AliasHost);
            web.UseSetting("Flattr:Web:ShowOutbox", "true");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Flattr:Cluster:SiloPort", "0");
            web.UseSetting("Flattr:Cluster:GatewayPort", "0");
        });
        _ = _factory.Server;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>One request over a plain HTTP connection from <paramref name="from"/>, naming <paramref name="host"/>.</summary>
    public async Task<Answer> SendAsync(string method, string pathAndQuery, IPAddress from, string host = "flattr.test",
        IReadOnlyDictionary<string, string>? headers = null, string? form = null)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var context = await Factory.Server.SendAsync(http =>
        {
            http.Request.Method = method;
            http.Request.Scheme = "http";
            http.Request.Host = new HostString(host);
            http.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
            http.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
            http.Connection.RemoteIpAddress = from;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                http.Request.Headers[name] = value;
            }

            if (form is not null)
            {
                http.Request.ContentType = "application/x-www-form-urlencoded";
                http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(form));
            }
        });
        using var reader = new StreamReader(context.Response.Body);
        var body = await reader.ReadToEndAsync();
        Tally.Request();
        return new Answer(context.Response.StatusCode, context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            [.. context.Response.Headers.SetCookie.Select(c => c ?? string.Empty)], body);
    }
}

/// <summary>What the test server answered.</summary>
public sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, IReadOnlyList<string> SetCookies, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

[CollectionDefinition(Name)]
public sealed class ProductionAppCollection : ICollectionFixture<ProductionApp>
{
    public const string Name = "production app";
}
