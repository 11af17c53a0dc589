using System.Globalization;
using Flattr.Hosting;
using Flattr.Payments;
using Flattr.Settlement;
using Flattr.Things;
using Flattr.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Silo;
using Silo.Hosting;
using Silo.Postgres.Hosting;
using Silo.Testing.Database;
using Silo.Testing.Time;

namespace Flattr.Grains.Tests.Grains;

/// <summary>
/// One silo with Flattr's grains on a fresh database and a manual clock, shared by the tests of one class
/// (<c>IClassFixture&lt;FlattrSilo&gt;</c>). Helpers create users, things and deposits through the grains themselves.
/// </summary>
public class FlattrSilo : IAsyncLifetime
{
    public const string WebhookSecret = "test-sandbox-secret";

    int _sequence;
    TestDatabase? _database;
    IHost? _host;

    public FlattrSilo()
        : this(ManualTimeProvider.DefaultStart)
    {
    }

    /// <remarks>Start the clock close to the moments a test needs: moving it far fires every periodic silo timer on the way.</remarks>
    protected FlattrSilo(DateTimeOffset start) => Clock = new ManualTimeProvider(start);

    public ManualTimeProvider Clock { get; }

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public IHost Host => _host ?? throw new InvalidOperationException("The silo has not started.");

    public NpgsqlDataSource Database => (_database ?? throw new InvalidOperationException("No database.")).DataSource;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("grains");
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flattr:Payments:Sandbox:WebhookSecret"] = WebhookSecret,
            ["Flattr:Settlement:MonthEndCheckPeriod"] = "00:01:00",
        });
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddSilo(silo => silo.ServiceId = "grain-tests");
        builder.Services.AddSiloPostgres(_database.ConnectionString, postgres => postgres.ServiceId = "grain-tests");
        builder.Services.AddFlattrGrains(builder.Configuration);
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    public string Unique(string prefix) =>
        prefix + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);

    public async Task<long> CreateUserAsync(string? name = null)
    {
        var username = Unique(name ?? "user");
        var profile = await Grains.GetUserDirectory().Register(new SignUp(username, username + "@example.org", "User " + username, "en_GB", "hash"));
        return profile.Id;
    }

    /// <summary>A giver with a budget and a deposit (through a signed webhook).</summary>
    public async Task<long> CreateGiverAsync(long budgetCents = 500, long depositCents = 1000)
    {
        var id = await CreateUserAsync("giver");
        await Grains.GetUser(id).SetBudget(budgetCents);
        await DepositAsync(id, depositCents);
        return id;
    }

    public async Task<DepositReceipt> DepositAsync(long userId, long amountCents)
    {
        var payments = Grains.GetSandboxPayments();
        return await payments.ReceiveWebhook(await payments.CreateSandboxPayment(userId, amountCents));
    }

    public async Task<long> CreateThingAsync(long ownerId, string? url = null)
    {
        var thing = await Grains.GetThingRegistry().Register(ownerId,
            new ThingSubmission(url ?? $"https://example.org/{Unique("post")}", "A thing worth flattring", "Words.", ThingCategories.Text));
        return thing.Id;
    }

    public Task<LedgerAuditReport> AuditAsync() => Grains.GetAudit().Run();

    public async Task AssertAuditOkAsync()
    {
        var audit = await AuditAsync();
        Assert.True(audit.Ok, $"ledger audit failed: {audit}");
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = Database.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public Task<long> LedgerTransactionCountAsync() => ScalarAsync("SELECT count(*) FROM ledger_transactions");
}

/// <summary>A silo whose clock starts in the last minute of January 2026, for tests that cross into February.</summary>
public sealed class LateJanuarySilo() : FlattrSilo(new DateTimeOffset(2026, 1, 31, 23, 59, 0, TimeSpan.Zero));
