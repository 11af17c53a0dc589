using System.Globalization;
using Flattr.Profiles;
using Microsoft.Net.Http.Headers;
using Orleans;

namespace Flattr.Web.Profiles;

/// <summary>
/// <c>GET /avatars/{userId}</c>: the stored PNG with its entity tag. A request whose <c>If-None-Match</c> names the current tag
/// gets 304 without the bytes being read; a link carrying <c>?v=&lt;tag&gt;</c> (as the pages write it) may be cached for a
/// year, since a new avatar gets a new tag and so a new link; without it, caches keep it a minute and then revalidate.
/// </summary>
public static class AvatarEndpoints
{
    public const string Path = "/avatars/";

    public static string UrlFor(long userId, string etag) =>
        Path + userId.ToString(CultureInfo.InvariantCulture) + "?v=" + Uri.EscapeDataString(etag);

    public static IEndpointRouteBuilder MapAvatars(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path + "{userId:long}", GetAsync);
        return endpoints;
    }

    static async Task<IResult> GetAsync(long userId, string? v, HttpContext http, IGrainFactory grains)
    {
        PublicProfile profile;
        try
        {
            profile = await grains.GetProfile(userId).GetProfile();
        }
        catch (FlattrException e) when (e.Code == FlattrErrors.NotFound)
        {
            return Results.NotFound();
        }

        if (profile.AvatarETag is not { } tag)
        {
            return Results.NotFound();
        }

        var entityTag = new EntityTagHeaderValue("\"" + tag + "\"");
        http.Response.Headers.CacheControl = v == tag ? "public, max-age=31536000, immutable" : "public, max-age=60";
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(entityTag, useStrongComparison: false)))
        {
            http.Response.Headers.ETag = entityTag.ToString();
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        // The bytes' own tag (the avatar may have changed since the profile was read); Results.Bytes writes it as ETag.
        var avatar = await grains.GetProfile(userId).GetAvatar();
        return avatar is null
            ? Results.NotFound()
            : Results.Bytes(avatar.Image, avatar.ContentType, lastModified: avatar.UpdatedAt, entityTag: new EntityTagHeaderValue("\"" + avatar.ETag + "\""));
    }
}
