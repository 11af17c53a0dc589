using Orleans;

namespace Flattr.Profiles;

/// <summary>
/// One user's public profile: bio, links and the avatar's entity tag held in memory; the avatar's bytes are read from the
/// database when asked (the web caches them by entity tag, browsers too). Non-reentrant: edits are one at a time.
/// </summary>
public sealed class ProfileGrain(ProfileStore profiles, TimeProvider time) : Grain, IProfileGrain
{
    PublicProfile? _profile;

    long UserId => this.GetPrimaryKeyLong();

    public async Task<PublicProfile> GetProfile() => await RequireProfileAsync();

    public async Task<PublicProfile> Update(ProfileDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var profile = await RequireProfileAsync();
        var bio = ProfileRules.Bio(details.Bio);
        var links = ProfileRules.Links(details.Links);
        await profiles.SaveAsync(UserId, bio, links, time.GetUtcNow(), CancellationToken.None);
        return _profile = profile with { Bio = bio, Links = links };
    }

    public async Task<PublicProfile> SetAvatar(Avatar avatar)
    {
        ArgumentNullException.ThrowIfNull(avatar);
        var profile = await RequireProfileAsync();
        if (avatar.Image is not { Length: > 0 and <= Avatar.MaximumBytes } || avatar.ContentType is not (Avatar.Png or Avatar.WebP)
            || string.IsNullOrWhiteSpace(avatar.ETag) || avatar.ETag.Length > 100)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "An avatar is a PNG or WebP image of at most 1 MB with an entity tag.");
        }

        await profiles.SaveAvatarAsync(UserId, avatar, CancellationToken.None);
        return _profile = profile with { AvatarETag = avatar.ETag };
    }

    public async Task<long> GetSupporterCount()
    {
        await RequireProfileAsync();
        return await profiles.CountSupportersAsync(UserId, CancellationToken.None);
    }

    public async Task<Avatar?> GetAvatar()
    {
        var profile = await RequireProfileAsync();
        return profile.AvatarETag is null ? null : await profiles.GetAvatarAsync(UserId, CancellationToken.None);
    }

    /// <summary>A user unknown at activation may have registered since (ids come from the database): look again.</summary>
    async Task<PublicProfile> RequireProfileAsync() =>
        _profile ??= await profiles.GetAsync(UserId, CancellationToken.None)
            ?? throw new FlattrException(FlattrErrors.NotFound, $"There is no user {UserId}.");
}
