using Flattr.Profiles;

namespace Flattr.Web.Profiles;

/// <summary>An upload's outcome: the avatar to store, or why there is none.</summary>
public sealed record AvatarResult(Avatar? Avatar, AvatarRefusal Refusal)
{
    public static AvatarResult Done(Avatar avatar) => new(avatar, AvatarRefusal.None);

    public static AvatarResult Refused(AvatarRefusal refusal) => new(null, refusal);
}
