using Orleans;

namespace Flattr.Users;

/// <summary>Typed ways to reach the account grains.</summary>
public static class AccountGrainFactoryExtensions
{
    /// <summary>Usernames of deleted accounts are this prefix and the user id; sign-up refuses the prefix.</summary>
    public const string DeletedUsernamePrefix = "deleted_";

    public static IAccountGrain GetAccount(this IGrainFactory grains, long userId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IAccountGrain>(userId);
    }

    public static ISessionsGrain GetSessions(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<ISessionsGrain>(Singletons.Key);
    }
}
