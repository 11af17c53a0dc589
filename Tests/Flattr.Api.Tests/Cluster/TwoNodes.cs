using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Flattr.Api.Tests.Hosting;
using Flattr.Testing.Database;
using Flattr.Things;
using Flattr.Users;
using Flattr.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace Flattr.Api.Tests.Cluster;

/// <summary>
/// Two Flattr nodes on one PostgreSQL database, as Program.cs composes them (each co-hosts a silo; on one database they form
/// one cluster), each on Kestrel at 127.0.0.1 on a port of its own. Tests send one request to one node and the next to the
/// other, as a load balancer may. The limits are small so that tests reach them in a few requests.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public const int SignInAttemptsPerAccount = 3;
    public const int TokenRequestsPerHour = 5;
    public const int FlattrsPerMinute = 3;

    readonly List<ApiFactory> _nodes = [];
    int _sequence;
    TestDatabase? _database;

    /// <summary>The two nodes' addresses.</summary>
    public IReadOnlyList<Uri> Nodes { get; private set; } = [];

    public IGrainFactory Grains => _nodes[0].Services.GetRequiredService<IGrainFactory>();

    NpgsqlDataSource Database => (_database ?? throw new InvalidOperationException("No database.")).DataSource;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("api_two_nodes");
        var addresses = new List<Uri>();
        for (var i = 0; i < 2; i++)
        {
            // One after the other: the first applies the migrations, the second finds them applied and joins its cluster.
            var node = new ApiFactory(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Flattr"] = _database.ConnectionString,
                ["Flattr:Cluster:ServiceId"] = "api-two-nodes",
                ["Flattr:Cluster:SiloPort"] = "0",
                ["Flattr:Cluster:GatewayPort"] = "0",
                ["Flattr:Payments:Sandbox:WebhookSecret"] = ApiHost.WebhookSecret,
                ["Flattr:Settlement:StartMonthEndReminder"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Flattr:Web:SignInAttemptsPerMinute"] = "10000",
                ["Flattr:Web:SignInAttemptsPerAccountPerMinute"] = SignInAttemptsPerAccount.ToString(CultureInfo.InvariantCulture),
                ["Flattr:Api:TokenRequestsPerHour"] = TokenRequestsPerHour.ToString(CultureInfo.InvariantCulture),
                ["Flattr:Web:FlattrsPerMinute"] = FlattrsPerMinute.ToString(CultureInfo.InvariantCulture),
            });
            _nodes.Add(node);
            node.UseKestrel(0);
            node.StartServer();
            using var client = node.CreateClient();
            addresses.Add(client.BaseAddress ?? throw new InvalidOperationException("Kestrel has no address."));
        }

        Nodes = addresses;
    }

    public async Task DisposeAsync()
    {
        try
        {
            foreach (var node in Enumerable.Reverse(_nodes))
            {
                await node.DisposeAsync();
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

    /// <summary>An API client of node <paramref name="node"/>: real HTTP, no cookies, no redirects followed, with the token when given.</summary>
    public HttpClient Client(int node, string? token = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Nodes[node] };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>
    /// A browser's client of node <paramref name="node"/> with the browser's cookies: cookies are not kept apart by port, so two
    /// clients on one <paramref name="cookies"/> are one browser behind a balancer that sends it to either node.
    /// </summary>
    public HttpClient BrowserClient(int node, CookieContainer cookies) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = Nodes[node] };

    /// <summary>A verified account with a password.</summary>
    public async Task<TestUser> CreateUserAsync(string name = "user")
    {
        var username = Unique(name);
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var hash = await _nodes[0].Services.GetRequiredService<PasswordChecker>().HashAsync(password, CancellationToken.None);
        var profile = await Grains.GetUserDirectory().Register(new SignUp(username, username + "@example.org", "Test " + username, "en_GB", hash));
        await Grains.GetUser(profile.Id).MarkEmailVerified();
        return new TestUser(profile.Id, username, username + "@example.org", password);
    }

    /// <summary>A user with a budget and a deposit: they can flattr.</summary>
    public async Task<TestUser> CreateGiverAsync()
    {
        var giver = await CreateUserAsync("giver");
        await Grains.GetUser(giver.Id).SetBudget(500);
        var payments = Grains.GetSandboxPayments();
        await payments.ReceiveWebhook(await payments.CreateSandboxPayment(giver.Id, 1000));
        return giver;
    }

    public async Task<string> TokenAsync(TestUser user, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (await Grains.GetAccessTokens(user.Id).CreatePersonal("tests", [.. scopes])).Secret;
    }

    public async Task<long> CreateThingAsync(TestUser owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var thing = await Grains.GetThingRegistry().Register(owner.Id, new ThingSubmission(
            $"https://example.org/{Unique("post")}", "A thing worth flattring", "Words about it.", ThingCategories.Text, "en_GB", ImmutableArray<string>.Empty));
        return thing.Id;
    }

    public Task<long> ScalarAsync(string sql, params object[] parameters) => Database.ScalarAsync(sql, parameters);

    /// <summary>
    /// Waits, if need be, until at least 15 s of the current clock minute remain, so that a test counting attempts within one
    /// window (limits run on fixed minute and hour windows) does not straddle two.
    /// </summary>
    public static async Task AwayFromWindowEndAsync()
    {
        var now = DateTimeOffset.UtcNow;
        if (now.Second >= 45)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - now.Second));
        }
    }
}
