using Flattr.Clicks;
using Flattr.Ledger;
using Flattr.Money;
using Flattr.Settlement;
using Flattr.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Flattr.Hosting;

public static class FlattrStoresServiceCollectionExtensions
{
    /// <summary>
    /// Registers the money, click and settlement stores as singletons, binds <see cref="MoneyRules"/> from
    /// <c>Flattr:Money</c> and <see cref="SettlementOptions"/> from <c>Flattr:Settlement</c> (when a configuration
    /// is given), and stops the click writer gracefully (draining queued clicks) when the host stops.
    /// The host registers the <see cref="Npgsql.NpgsqlDataSource"/>; <see cref="TimeProvider.System"/> is used
    /// unless another <see cref="TimeProvider"/> is registered.
    /// </summary>
    public static IServiceCollection AddFlattrStores(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var money = services.AddOptions<MoneyRules>();
        var settlement = services.AddOptions<SettlementOptions>();
        if (configuration is not null)
        {
            money.Bind(configuration.GetSection(MoneyRules.SectionName));
            settlement.Bind(configuration.GetSection(SettlementOptions.SectionName));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClickStore>();
        services.TryAddSingleton<SubscriptionStore>();
        services.TryAddSingleton<BudgetStore>();
        services.TryAddSingleton<LedgerStore>();
        services.TryAddSingleton<SettlementEngine>();
        services.AddHostedService<ClickStoreShutdown>();
        return services;
    }
}
