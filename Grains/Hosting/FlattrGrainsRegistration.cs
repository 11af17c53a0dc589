using Flattr.Ledger;
using Flattr.Live;
using Flattr.Payments;
using Flattr.Payouts;
using Flattr.Profiles;
using Flattr.Settlement;
using Flattr.Things;
using Flattr.Users;
using Flattr.Wallets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans;

namespace Flattr.Hosting;

/// <summary>
/// Everything the grains need in a silo host besides Orleans itself: the stores (ledger's and the grains' own), the options,
/// the grain call filter that makes database failures cross grain calls, the click writer's drain at shutdown and the
/// month-end reminder. The host adds Orleans (which finds the grain classes in this assembly), applies the <c>flattr</c>
/// schema (<see cref="FlattrSchema"/>) and registers an <see cref="Npgsql.NpgsqlDataSource"/>. The click writer drains once
/// the host's services (the silo among them) have stopped, so it writes what the grains queued while they deactivated.
/// </summary>
public static class FlattrGrainsRegistration
{
    public static IServiceCollection AddFlattrGrains(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddFlattrStores(configuration);
        services.AddOptions<SandboxPaymentOptions>().Bind(configuration.GetSection(SandboxPaymentOptions.SectionName));
        services.AddOptions<MonthEndOptions>().Bind(configuration.GetSection(MonthEndOptions.SectionName));

        services.TryAddSingleton<UserStore>();
        services.TryAddSingleton<SessionStore>();
        services.TryAddSingleton<AccountTokenStore>();
        services.TryAddSingleton<AccountDeletionStore>();
        services.TryAddSingleton<ThingStore>();
        services.TryAddSingleton<ThingClaimStore>();
        services.TryAddSingleton<ProfileStore>();
        services.TryAddSingleton<WalletStore>();
        services.TryAddSingleton<CreatorIncomeStore>();
        services.TryAddSingleton<StatementLedger>();
        services.TryAddSingleton<MonthCalendar>();
        services.TryAddSingleton<PayoutList>();
        services.TryAddSingleton<PayoutStore>();
        services.TryAddSingleton<PayoutAccountStore>();
        services.TryAddSingleton<EarningsLedger>();
        services.TryAddSingleton<SandboxSecret>();

        // What Orleans' AddIncomingGrainCallFilter<T> does on a silo builder; TryAddEnumerable keeps a second call harmless.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIncomingGrainCallFilter, DatabaseErrorsFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MonthEndStarter>());
        services.TryAddSingleton<LiveMirrors>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SiloLossReconciler>());
        return services;
    }
}
