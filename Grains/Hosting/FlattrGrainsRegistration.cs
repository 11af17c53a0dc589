using Flattr.Live;
using Flattr.Payments;
using Flattr.Payouts;
using Flattr.Settlement;
using Flattr.Stores;
using Flattr.Things;
using Flattr.Users;
using Flattr.Wallets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Silo.Hosting;
using Silo.Postgres.Migrations;

namespace Flattr.Hosting;

/// <summary>
/// Everything the grains need in a silo host: the grain assemblies, the stores (ledger's and the grains' own), the options,
/// the <c>flattr</c> schema and the month-end reminder. The host adds the silo's storage (e.g. AddSiloPostgres) and an
/// <see cref="Npgsql.NpgsqlDataSource"/>.
/// </summary>
public static class FlattrGrainsRegistration
{
    public static IServiceCollection AddFlattrGrains(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSilo(silo => silo
            .AddGrainAssembly(typeof(FlattrGrainsRegistration).Assembly)
            .AddGrainAssembly(typeof(IUserGrain).Assembly));

        services.AddFlattrStores(configuration);
        services.AddOptions<SandboxPaymentOptions>().Bind(configuration.GetSection(SandboxPaymentOptions.SectionName));
        services.AddOptions<MonthEndOptions>().Bind(configuration.GetSection(MonthEndOptions.SectionName));

        services.TryAddSingleton<UserStore>();
        services.TryAddSingleton<ThingStore>();
        services.TryAddSingleton<WalletStore>();
        services.TryAddSingleton<CreatorIncomeStore>();
        services.TryAddSingleton<MonthCalendar>();
        services.TryAddSingleton<PayoutList>();
        services.TryAddSingleton<SandboxSecret>();

        services.AddMigrationModule(FlattrSchema.Module);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MonthEndStarter>());
        return services;
    }
}
