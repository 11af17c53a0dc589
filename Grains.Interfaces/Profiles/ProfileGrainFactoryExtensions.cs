using Orleans;

namespace Flattr.Profiles;

public static class ProfileGrainFactoryExtensions
{
    public static IProfileGrain GetProfile(this IGrainFactory grains, long userId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IProfileGrain>(userId);
    }
}
