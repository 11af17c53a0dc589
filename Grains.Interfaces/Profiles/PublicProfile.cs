using System.Collections.Immutable;
using Orleans;

namespace Flattr.Profiles;

/// <summary>
/// What a creator tells about themselves on their public page: a short bio, up to <see cref="MaximumLinks"/> http(s) links and,
/// when one was uploaded, the avatar's entity tag (null without an avatar).
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.PublicProfile")]
public sealed record PublicProfile(long UserId, string Bio, ImmutableArray<string> Links, string? AvatarETag)
{
    public const int MaximumBioLength = 500;

    public const int MaximumLinks = 3;

    public const int MaximumLinkLength = 2048;
}
