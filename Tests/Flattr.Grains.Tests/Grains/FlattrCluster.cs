using System.Globalization;
using Flattr.Payments;
using Flattr.Settlement;
using Flattr.Testing.Orleans;
using Flattr.Things;
using Flattr.Users;
using Npgsql;
using Orleans.Runtime;
using Orleans.TestingHost;
using Flattr.Testing.Database;

namespace Flattr.Grains.Tests.Grains;

/// <summary>
/// Two Orleans silos with Flattr's grains on a fresh database and a fake clock, shared by the tests of one class
/// (<c>IClassFixture&lt;FlattrCluster&gt;</c>); the tests call the grains through the cluster client, as the web does.
/// Helpers create users, things and deposits through the grains themselves. The month-end reminder is off: these tests
/// move the clock across months and must not have a settlement start under them (see <see cref="MonthEndCluster"/>).
/// </summary>
public class FlattrCluster : FlattrClusterFixture
{
    public const string WebhookSecret = "test-sandbox-secret";

    public const int GiversPerBatch = 2;

    int _sequence;

    public IGrainFactory Grains => GrainFactory;

    /// <summary>Whether the silos register the month-end reminder at start, as a deployed silo does.</summary>
    protected virtual bool StartsMonthEndReminder => false;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Flattr:Payments:Sandbox:WebhookSecret", WebhookSecret),
        new("Flattr:Settlement:MonthEndCheckPeriod", "00:01:00"),
        new("Flattr:Settlement:StartMonthEndReminder", StartsMonthEndReminder ? "true" : "false"),
        // Small batches: a settlement of a handful of givers runs several, and a test can stop it between two.
        new("Flattr:Settlement:GiversPerBatch", GiversPerBatch.ToString(CultureInfo.InvariantCulture)),
    ];

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

    public Task<long> ScalarAsync(string sql, params object[] parameters) => DataSource.ScalarAsync(sql, parameters);

    public Task<long> LedgerTransactionCountAsync() => ScalarAsync("SELECT count(*) FROM ledger_transactions");

    /// <summary>The silos running now, the primary first.</summary>
    public IReadOnlyList<SiloHandle> Silos => Cluster.GetActiveSilos().OrderBy(s => s != Cluster.Primary).ToList();

    /// <summary>
    /// Makes <paramref name="grain"/> active on <paramref name="silo"/>, whether it was active elsewhere (it migrates; a grain
    /// reloads its state on activation) or not at all (the migration request activates it there, by its placement hint).
    /// </summary>
    public async Task PlaceAsync(IAddressable grain, SiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        // Not for a grain already there: TestCluster.MigrateAsync then waits for a deactivation that never comes.
        if (await WhereIsAsync(grain) is not { } where || !where.Equals(silo.SiloAddress))
        {
            await Cluster.MigrateAsync(grain, silo.SiloAddress);
        }

        Assert.Equal(silo.SiloAddress, await WhereIsAsync(grain));
    }

    /// <summary>The silo where <paramref name="grain"/> is active now, if it is (asked of every silo's catalog, not a directory cache).</summary>
    public async Task<SiloAddress?> WhereIsAsync(IAddressable grain)
    {
        var id = grain.GetGrainId();
        var activations = await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return activations.Where(a => a.GrainId == id).Select(a => a.SiloAddress).SingleOrDefault();
    }
}
