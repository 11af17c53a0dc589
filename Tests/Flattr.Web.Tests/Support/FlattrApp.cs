using System.Net;
using Flattr.Payments;
using Flattr.Silo.Hosting;
using Flattr.Testing.Database;
using Flattr.Users;
using Flattr.Web.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Flattr.Web.Tests.Support;

/// <summary>
/// The real Flattr app (silo, grains, web) on Kestrel at 127.0.0.1 with a free port and its own fresh database,
/// shared by the tests of a collection. <see cref="Grains"/> reaches the same grains the pages use, for test set-up.
/// </summary>
public sealed class FlattrApp : IAsyncLifetime
{
    public const string Password = "correct horse battery";
    WebApplicationFactory<Program>? _factory;
    TestDatabase? _database;
    int _users;

    public Uri BaseUri { get; private set; } = null!;

    public IGrainFactory Grains => Factory.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => Factory.Services;

    WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The app is not started.");

    /// <summary>The app's clock when a fixture moves time itself (grains, settlement and pages follow it); the system clock otherwise.</summary>
    internal TimeProvider? Clock { get; init; }

    /// <summary>Services a fixture adds or replaces (e.g. an in-memory trace exporter).</summary>
    internal Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>Extra settings for a fixture that needs them (e.g. a tight sign-in limit).</summary>
    internal Dictionary<string, string> Settings { get; } = new()
    {
        ["Flattr:Web:ShowOutbox"] = "true",
        ["Flattr:Web:FlattrsPerMinute"] = "600",

        // Every test signs in from 127.0.0.1: the shared app must not throttle them (SignInThrottleTests has its own app).
        ["Flattr:Web:SignInAttemptsPerMinute"] = "10000",
        ["Flattr:Web:SignInAttemptsPerAccountPerMinute"] = "10000",
        ["Flattr:Accounts:SignUpsPerAddressPerHour"] = "10000",
        ["Flattr:Accounts:MailsPerAddressPerHour"] = "10000",
        ["Logging:LogLevel:Default"] = "Warning",

        // Ownership claims fetch pages from the tests' local blog servers on loopback (refused in production), and a page
        // that never answers ends a claim after five seconds.
        ["Flattr:Claims:AllowLoopback"] = "true",
        ["Flattr:Claims:Timeout"] = "00:00:05",

        // The app co-hosts a silo; several apps run in one test process, so each listens on free ports.
        ["Flattr:Cluster:SiloPort"] = "0",
        ["Flattr:Cluster:GatewayPort"] = "0",
    };

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("web");
        var port = FreePorts.Take();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:Flattr", _database.ConnectionString);
            foreach (var (key, value) in Settings)
            {
                web.UseSetting(key, value);
            }

            if (Clock is { } clock)
            {
                web.ConfigureTestServices(services => services.AddSingleton(clock));
            }

            if (TestServices is { } testServices)
            {
                web.ConfigureTestServices(testServices);
            }
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        _factory.StartServer();
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

    /// <summary>An HTTP client to the app that does not follow redirects and keeps no cookies.</summary>
    public HttpClient CreateClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseUri };

    /// <summary>A verified user with the test password; with money and a budget when <paramref name="depositCents"/> is given.</summary>
    public async Task<TestUser> CreateUserAsync(string prefix, long depositCents = 0, long budgetCents = 500)
    {
        var n = Interlocked.Increment(ref _users);
        var username = $"{prefix}{n}_{Guid.NewGuid().ToString("N")[..6]}";
        var hash = await Services.GetRequiredService<PasswordChecker>().HashAsync(Password, CancellationToken.None);
        var profile = await Grains.GetUserDirectory().Register(new SignUp(username, username + "@example.org", prefix + " " + n, "en_GB", hash));
        await Grains.GetUser(profile.Id).MarkEmailVerified();
        if (depositCents > 0)
        {
            var payments = Grains.GetSandboxPayments();
            await payments.ReceiveWebhook(await payments.CreateSandboxPayment(profile.Id, depositCents));
            await Grains.GetUser(profile.Id).SetBudget(budgetCents);
        }

        return new TestUser(profile.Id, username, profile.DisplayName);
    }
}

public sealed record TestUser(long Id, string Username, string DisplayName);

[CollectionDefinition(Name)]
public sealed class FlattrAppCollection : ICollectionFixture<FlattrApp>, ICollectionFixture<Browser>
{
    public const string Name = "flattr app";
}
