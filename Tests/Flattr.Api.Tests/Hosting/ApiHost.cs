using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Flattr.Testing.Database;
using Flattr.Things;
using Flattr.Users;
using Flattr.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace Flattr.Api.Tests.Hosting;

/// <summary>
/// The whole Flattr app, as Program.cs composes it, on Kestrel at 127.0.0.1 with a fresh PostgreSQL database, shared by
/// the tests of one class (<c>IClassFixture</c>). Tests drive the API over HTTP; they set up users, money and things through
/// the grains, the way the web pages do.
/// </summary>
public class ApiHost : IAsyncLifetime
{
    public const string WebhookSecret = "api-tests-sandbox-secret";

    int _sequence;
    TestDatabase? _database;
    ApiFactory? _factory;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IServiceProvider Services => Factory.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public NpgsqlDataSource Database => (_database ?? throw new InvalidOperationException("No database.")).DataSource;

    ApiFactory Factory => _factory ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>Extra settings of a fixture (e.g. small rate limits).</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("api_" + GetType().Name);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Flattr"] = _database.ConnectionString,
            ["Flattr:Cluster:ServiceId"] = "api-tests",
            ["Flattr:Payments:Sandbox:WebhookSecret"] = WebhookSecret,
            ["Flattr:Settlement:StartMonthEndReminder"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",

            // The app co-hosts a silo; several apps run in one test process, so each listens on free ports.
            ["Flattr:Cluster:SiloPort"] = "0",
            ["Flattr:Cluster:GatewayPort"] = "0",

            // The tests sign in many times a minute from one address; the web's sign-in limit is tested by the web.
            ["Flattr:Web:SignInAttemptsPerMinute"] = "10000",
        };
        Configure(settings);
        _factory = new ApiFactory(settings);
        _factory.UseKestrel(0);
        _factory.StartServer();
        using var client = _factory.CreateClient();
        BaseAddress = client.BaseAddress ?? throw new InvalidOperationException("Kestrel has no address.");
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }
        }
        finally
        {
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
        }
    }

    public string Unique(string prefix) => prefix + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);

    /// <summary>An API client: real HTTP to Kestrel, no cookies, no redirects followed, with the token when given.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A browser-like client: it keeps cookies and does not follow redirects (tests look at them).</summary>
    public HttpClient BrowserClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };

    /// <summary>A verified account; with a password only when the test signs in (hashing one takes a third of a second).</summary>
    public async Task<TestUser> CreateUserAsync(string? name = null, bool withPassword = false, bool anonymousByDefault = false)
    {
        var username = Unique(name ?? "user");
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var hash = withPassword ? await Services.GetRequiredService<PasswordChecker>().HashAsync(password, CancellationToken.None) : null;
        var email = username + "@example.org";
        var profile = await Grains.GetUserDirectory().Register(new SignUp(username, email, "Test " + username, "en_GB", hash));
        var user = Grains.GetUser(profile.Id);
        await user.MarkEmailVerified();
        if (anonymousByDefault)
        {
            await user.UpdateProfile(new ProfileUpdate(AnonymousByDefault: true));
        }

        return new TestUser(profile.Id, username, email, password);
    }

    /// <summary>A user with a monthly budget and a deposit booked from a signed sandbox webhook: they can flattr.</summary>
    public async Task<TestUser> CreateGiverAsync(string? name = null, long budgetCents = 500, long depositCents = 1000)
    {
        var giver = await CreateUserAsync(name ?? "giver");
        await Grains.GetUser(giver.Id).SetBudget(budgetCents);
        var payments = Grains.GetSandboxPayments();
        await payments.ReceiveWebhook(await payments.CreateSandboxPayment(giver.Id, depositCents));
        return giver;
    }

    /// <summary>A personal access token with these scopes (the settings page makes them the same way; its own tests cover it).</summary>
    public async Task<string> TokenAsync(TestUser user, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(user);
        var issued = await Grains.GetAccessTokens(user.Id).CreatePersonal("tests", [.. scopes]);
        return issued.Secret;
    }

    public async Task<long> CreateThingAsync(
        TestUser owner,
        string? url = null,
        string? title = null,
        bool hidden = false,
        string category = ThingCategories.Text,
        string language = "en_GB",
        params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var thing = await Grains.GetThingRegistry().Register(owner.Id, new ThingSubmission(
            url ?? $"https://example.org/{Unique("post")}",
            title ?? "A thing worth flattring",
            "Words about it.",
            category,
            language,
            tags.ToImmutableArray(),
            hidden));
        return thing.Id;
    }

    public Task<long> ScalarAsync(string sql, params object[] parameters) => Database.ScalarAsync(sql, parameters);
}

public sealed record TestUser(long Id, string Username, string Email, string Password);
