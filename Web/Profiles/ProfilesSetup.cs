namespace Flattr.Web.Profiles;

public static class ProfilesSetup
{
    public static IServiceCollection AddFlattrProfiles(this IServiceCollection services)
    {
        services.AddOptions<ProfileOptions>().BindConfiguration(ProfileOptions.Section);
        services.AddSingleton<AvatarImage>();
        return services;
    }
}
