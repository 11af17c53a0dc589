using Flattr.Clicks;
using Flattr.Ledger;
using Flattr.Money;
using Flattr.Settlement;
using Flattr.Stores;
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
    public async Task Stopping_the_host_drains_the_click_writer()
    {
        await using var database = await LedgerDatabase.CreateAsync();
        var services = new ServiceCollection().AddLogging().AddSingleton(database.DataSource).AddFlattrStores();
        await using var provider = services.BuildServiceProvider();
        var clicks = provider.GetRequiredService<ClickStore>();

        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            clicks.AddAsync(new ClickWrite(1, 2, Months.Current(TimeProvider.System))));
    }
}
