using Orleans;

namespace Flattr.Api;

/// <summary>Typed ways to reach the API's grains.</summary>
public static class ApiGrainFactoryExtensions
{
    public static IAccessTokensGrain GetAccessTokens(this IGrainFactory grains, long userId) => Factory(grains).GetGrain<IAccessTokensGrain>(userId);

    public static IAccessTokenValidatorGrain GetAccessTokenValidator(this IGrainFactory grains) =>
        Factory(grains).GetGrain<IAccessTokenValidatorGrain>(Singletons.Key);

    public static IOAuthAppsGrain GetOAuthApps(this IGrainFactory grains, long ownerId) => Factory(grains).GetGrain<IOAuthAppsGrain>(ownerId);

    public static IOAuthServerGrain GetOAuthServer(this IGrainFactory grains) => Factory(grains).GetGrain<IOAuthServerGrain>(Singletons.Key);

    public static IIdempotencyGrain GetIdempotency(this IGrainFactory grains) => Factory(grains).GetGrain<IIdempotencyGrain>(Singletons.Key);

    public static IFlattrListingsGrain GetFlattrListings(this IGrainFactory grains) => Factory(grains).GetGrain<IFlattrListingsGrain>(Singletons.Key);

    public static IThingSearchGrain GetThingSearch(this IGrainFactory grains) => Factory(grains).GetGrain<IThingSearchGrain>(Singletons.Key);

    static IGrainFactory Factory(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains;
    }
}
