using Flattr.Clicks;
using Flattr.Hosting;
using Flattr.Ledger;
using Flattr.Money;
using Flattr.Settlement;
using Flattr.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Flattr.Grains.Tests.Ledger;

/// <summary>
/// The stores as the silo gets them (through <c>AddFlattrStores</c>), without a silo, on a fresh database and a fake
/// clock that starts mid-<see cref="Month"/>.
/// </summary>
public sealed class StoreHarness : IAsyncDisposable
{
    public static readonly Month Month = new(2026, 3);

    readonly ServiceProvider _services;

    StoreHarness(LedgerDatabase database, MoneyRules rules, int giversPerBatch)
    {
        Database = database;
        Clock = new FakeTimeProvider(new DateTimeOffset(Month.Year, Month.Number, 15, 12, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(database.DataSource);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddFlattrStores();
        services.Configure<MoneyRules>(r =>
        {
            r.MinimumDepositCents = rules.MinimumDepositCents;
            r.MaximumDepositCents = rules.MaximumDepositCents;
            r.DepositFeePercent = rules.DepositFeePercent;
            r.MinimumBudgetCents = rules.MinimumBudgetCents;
            r.MaximumBudgetCents = rules.MaximumBudgetCents;
            r.NoClickPolicy = rules.NoClickPolicy;
            r.MinimumPayoutCents = rules.MinimumPayoutCents;
        });
        services.Configure<SettlementOptions>(o => o.GiversPerBatch = giversPerBatch);
        _services = services.BuildServiceProvider();
    }

    public LedgerDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    public NpgsqlDataSource DataSource => Database.DataSource;

    public ClickStore Clicks => _services.GetRequiredService<ClickStore>();

    public BudgetStore Budgets => _services.GetRequiredService<BudgetStore>();

    public LedgerStore Ledger => _services.GetRequiredService<LedgerStore>();

    public SubscriptionStore Subscriptions => _services.GetRequiredService<SubscriptionStore>();

    public SettlementEngine Settlement => _services.GetRequiredService<SettlementEngine>();

    public static async Task<StoreHarness> CreateAsync(MoneyRules? rules = null, int giversPerBatch = 1_000) =>
        new(await LedgerDatabase.CreateAsync(), rules ?? new MoneyRules(), giversPerBatch);

    /// <summary>Stores over an existing database (e.g. a clone), with their own clock at the given time.</summary>
    public static StoreHarness Over(LedgerDatabase database, DateTimeOffset now, MoneyRules? rules = null, int giversPerBatch = 1_000)
    {
        var harness = new StoreHarness(database, rules ?? new MoneyRules(), giversPerBatch);
        harness.Clock.SetUtcNow(now);
        return harness;
    }

    /// <summary>A user with a budget for <see cref="Month"/> and a balance of (deposit - 10 %).</summary>
    public async Task<long> AddGiverAsync(long budgetCents = 500, long depositCents = 1_000)
    {
        var giver = await Database.AddUserAsync();
        await Budgets.SetAsync(giver, budgetCents);
        if (depositCents > 0)
        {
            await Ledger.DepositAsync("test", Guid.NewGuid().ToString("N"), giver, depositCents);
        }

        return giver;
    }

    /// <summary>Many givers at once, each with a budget and a deposit (deposits serialise on the clearing account).</summary>
    public async Task<long[]> AddFundedGiversAsync(int count, long budgetCents = 500, long depositCents = 1_000)
    {
        var givers = await Database.AddUsersAsync(count);
        await Parallel.ForEachAsync(givers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (giver, ct) =>
        {
            await Budgets.SetAsync(giver, budgetCents, ct);
            await Ledger.DepositAsync("test", $"seed-{giver}", giver, depositCents, ct);
        });
        return givers;
    }

    public async Task<long[]> AddThingsAsync(int count)
    {
        var things = new long[count];
        for (var i = 0; i < count; i++)
        {
            things[i] = await Database.AddThingAsync(await Database.AddUserAsync());
        }

        return things;
    }

    public async Task ClickAllAsync(long giver, IEnumerable<long> things)
    {
        var results = await Task.WhenAll(things.Select(t => Clicks.AddAsync(new ClickWrite(giver, t, Month))));
        Assert.All(results, r => Assert.Equal(ClickWriteStatus.Added, r.Status));
    }

    /// <summary>Moves the clock into the next month, so <see cref="Month"/> may be settled.</summary>
    public void EndMonth() => SetDay(Month.Next(), 2);

    /// <summary>Moves the clock forward to noon UTC of the given day.</summary>
    public void SetDay(Month month, int day = 15) => Clock.SetUtcNow(new DateTimeOffset(month.Year, month.Number, day, 12, 0, 0, TimeSpan.Zero));

    public async Task AssertAuditOkAsync()
    {
        var audit = await Ledger.AuditAsync();
        Assert.True(audit.Ok, audit.ToString());
    }

    public async Task<long> OwnerOfAsync(long thingId) => await Database.ScalarAsync<long>("SELECT owner_id FROM things WHERE id = $1", thingId);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
