using Orleans;
using Orleans.Concurrency;

namespace Flattr.Profiles;

/// <summary>
/// A user's public profile (key = the user id): bio, links and avatar. <c>not_found</c> for an unknown user;
/// <c>invalid_parameters</c> for a bio over 500 characters, more than three links or a link that is not http(s).
/// </summary>
[Alias("Flattr.IProfileGrain")]
public interface IProfileGrain : IGrainWithIntegerKey
{
    [ReadOnly]
    Task<PublicProfile> GetProfile();

    Task<PublicProfile> Update(ProfileDetails details);

    /// <summary>Replaces the avatar with an image the web has already re-encoded.</summary>
    Task<PublicProfile> SetAvatar(Avatar avatar);

    /// <summary>How many givers have flattred the user's things (each giver once, any month, anonymous ones too).</summary>
    [ReadOnly]
    Task<long> GetSupporterCount();

    /// <summary>The avatar, or null when none was uploaded.</summary>
    [ReadOnly]
    Task<Avatar?> GetAvatar();
}
