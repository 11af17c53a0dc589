using Flattr.Clicks;
using Flattr.Hosting;
using Flattr.Ledger;
using Flattr.Money;
using Flattr.Settlement;
using Flattr.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Flattr.Grains.Tests.Ledger;

public sealed class StoreRegistrationTests
{
    [Fact]
    public async Task AddFlattrStores_binds_the_money_and_settlement_sections_and_resolves_every_store()
    {
        await using var database = await LedgerDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flattr:Money:MinimumDepositCents"] = "500",
            ["Flattr:Money:NoClickPolicy"] = "Rollover",
            ["Flattr:Settlement:GiversPerBatch"] = "7",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(database.DataSource).AddFlattrStores(configuration);
        await using var provider = services.BuildServiceProvider();

        var rules = provider.GetRequiredService<IOptions<MoneyRules>>().Value;

        Assert.Equal((500L, NoClickPolicy.Rollover, 10), (rules.MinimumDepositCents, rules.NoClickPolicy, rules.DepositFeePercent));
        Assert.Equal(7, provider.GetRequiredService<IOptions<SettlementOptions>>().Value.GiversPerBatch);
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.NotNull(provider.GetRequiredService<ClickStore>());
        Assert.NotNull(provider.GetRequiredService<SubscriptionStore>());
        Assert.NotNull(provider.GetRequiredService<BudgetStore>());
        Assert.NotNull(provider.GetRequiredService<LedgerStore>());
        Assert.NotNull(provider.GetRequiredService<SettlementEngine>());
    }

    [Fact]
    public async Task Stopping_the_host_writes_the_queued_clicks_then_refuses_new_ones()
    {
        await using var database = await LedgerDatabase.CreateAsync();
        using var host = StoresHost(database);
        await host.StartAsync();
        var clicks = host.Services.GetRequiredService<ClickStore>();
        var giver = await FundedGiverAsync(host, database);
        var things = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            things.Add(await database.AddThingAsync(await database.AddUserAsync()));
        }

        var writes = things.Select(thing => clicks.AddAsync(new ClickWrite(giver, thing, Month.Current(TimeProvider.System)))).ToArray();
        await host.StopAsync();

        Assert.All(writes, write => Assert.Equal(ClickWriteStatus.Added, write.Result.Status));
        Assert.Equal(20L, await database.ScalarAsync<long>("SELECT count(*) FROM clicks WHERE giver_id = $1", giver));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => clicks.AddAsync(new ClickWrite(giver, things[0], Month.Current(TimeProvider.System))));
    }

    [Fact]
    public async Task A_host_stopping_with_its_time_already_up_stops_without_an_error_and_the_store_refuses_new_clicks()
    {
        await using var database = await LedgerDatabase.CreateAsync();
        using var host = StoresHost(database);
        await host.StartAsync();
        var clicks = host.Services.GetRequiredService<ClickStore>();
        var giver = await FundedGiverAsync(host, database);
        var thing = await database.AddThingAsync(await database.AddUserAsync());
        using var timeUp = new CancellationTokenSource();
        await timeUp.CancelAsync();

        // A shutdown timeout, or a silo killed in a test cluster: the host's token is cancelled before the drain ends.
        await host.StopAsync(timeUp.Token);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => clicks.AddAsync(new ClickWrite(giver, thing, Month.Current(TimeProvider.System))));
    }

    static IHost StoresHost(LedgerDatabase database)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging().AddSingleton(database.DataSource).AddFlattrStores();
        return builder.Build();
    }

    static async Task<long> FundedGiverAsync(IHost host, LedgerDatabase database)
    {
        var giver = await database.AddUserAsync();
        await host.Services.GetRequiredService<BudgetStore>().SetAsync(giver, 500);
        await host.Services.GetRequiredService<LedgerStore>().DepositAsync("test", $"seed-{giver}", giver, 1_000);
        return giver;
    }
}
