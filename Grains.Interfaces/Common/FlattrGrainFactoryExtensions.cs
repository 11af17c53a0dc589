using Flattr.Live;
using Flattr.Payments;
using Flattr.Payouts;
using Flattr.Settlement;
using Flattr.Statements;
using Flattr.Subscriptions;
using Flattr.Things;
using Flattr.Users;
using Flattr.Wallets;
using Orleans;

namespace Flattr;

/// <summary>Typed ways to reach Flattr's grains, so callers never spell keys by hand.</summary>
public static class FlattrGrainFactoryExtensions
{
    public static IUserGrain GetUser(this IGrainFactory grains, long userId) => Factory(grains).GetGrain<IUserGrain>(userId);

    public static IUserDirectoryGrain GetUserDirectory(this IGrainFactory grains) => Factory(grains).GetGrain<IUserDirectoryGrain>(Singletons.Key);

    public static IThingGrain GetThing(this IGrainFactory grains, long thingId) => Factory(grains).GetGrain<IThingGrain>(thingId);

    public static IThingRegistryGrain GetThingRegistry(this IGrainFactory grains) => Factory(grains).GetGrain<IThingRegistryGrain>(Singletons.Key);

    public static IWalletGrain GetWallet(this IGrainFactory grains, long giverId, Month month) =>
        Factory(grains).GetGrain<IWalletGrain>(giverId, month.ToString());

    public static ISubscriptionsGrain GetSubscriptions(this IGrainFactory grains, long giverId) => Factory(grains).GetGrain<ISubscriptionsGrain>(giverId);

    public static IPaymentGrain GetSandboxPayments(this IGrainFactory grains) => Factory(grains).GetGrain<IPaymentGrain>(IPaymentGrain.Sandbox);

    public static IPayoutGrain GetPayouts(this IGrainFactory grains, long userId) => Factory(grains).GetGrain<IPayoutGrain>(userId);

    public static IPayoutProviderGrain GetSandboxPayouts(this IGrainFactory grains) =>
        Factory(grains).GetGrain<IPayoutProviderGrain>(IPaymentGrain.Sandbox);

    public static IStatementGrain GetStatements(this IGrainFactory grains, long userId) => Factory(grains).GetGrain<IStatementGrain>(userId);

    public static ISettlementGrain GetSettlement(this IGrainFactory grains, Month month) => Factory(grains).GetGrain<ISettlementGrain>(month.ToString());

    public static IMonthEndGrain GetMonthEnd(this IGrainFactory grains) => Factory(grains).GetGrain<IMonthEndGrain>(Singletons.Key);

    public static IAuditGrain GetAudit(this IGrainFactory grains) => Factory(grains).GetGrain<IAuditGrain>(Singletons.Key);

    public static ICreatorGrain GetCreator(this IGrainFactory grains, long creatorId) => Factory(grains).GetGrain<ICreatorGrain>(creatorId);

    public static ILiveFeedGrain GetLiveFeed(this IGrainFactory grains) => Factory(grains).GetGrain<ILiveFeedGrain>(Singletons.Key);

    static IGrainFactory Factory(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains;
    }
}
