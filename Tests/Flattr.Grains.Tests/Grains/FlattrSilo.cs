using System.Globalization;
using Flattr.Hosting;
using Flattr.Payments;
using Flattr.Settlement;
using Flattr.Things;
using Flattr.Users;
using Npgsql;
using Silo;
using Silo.Testing.Hosting;
using Silo.Testing.Time;

namespace Flattr.Grains.Tests.Grains;

/// <summary>
/// One silo with Flattr's grains on a fresh database and a manual clock, shared by the tests of one class
/// (<c>IClassFixture&lt;FlattrSilo&gt;</c>). Helpers create users, things and deposits through the grains themselves.
/// </summary>
public sealed class FlattrSilo : TestSiloFixture
{
    public const string WebhookSecret = "test-sandbox-secret";

    int _sequence;

    public ManualTimeProvider Clock => Time;

    public IGrainFactory Grains => GrainFactory;

    public NpgsqlDataSource Database => DataSource;

    protected override void Configure(TestSiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.ServiceId = "grain-tests";
        silo.Configure("Flattr:Payments:Sandbox:WebhookSecret", WebhookSecret)
            .Configure("Flattr:Settlement:MonthEndCheckPeriod", "00:01:00")
            .ConfigureServices((services, configuration) => services.AddFlattrGrains(configuration));
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
