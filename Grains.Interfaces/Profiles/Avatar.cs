using Orleans;

namespace Flattr.Profiles;

/// <summary>
/// An avatar as served: the re-encoded image (a square PNG or WebP, at most <see cref="MaximumBytes"/>), its media type and
/// the entity tag that names these bytes.
/// </summary>
[GenerateSerializer, Immutable, Alias("Flattr.Avatar")]
public sealed record Avatar(byte[] Image, string ContentType, string ETag, DateTimeOffset UpdatedAt)
{
    public const int MaximumBytes = 1024 * 1024;

    public const string Png = "image/png";

    public const string WebP = "image/webp";
}
