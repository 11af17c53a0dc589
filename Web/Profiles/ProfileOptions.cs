namespace Flattr.Web.Profiles;

/// <summary><c>Flattr:Profiles</c>: how large an avatar upload may be and the side of the square it becomes.</summary>
public sealed class ProfileOptions
{
    public const string Section = "Flattr:Profiles";

    /// <summary>The largest upload accepted, in bytes (2 MiB); larger ones are refused before decoding.</summary>
    public int MaximumAvatarUploadBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>The largest width or height of an uploaded image that is decoded at all (read from its header first).</summary>
    public int MaximumSourcePixels { get; set; } = 4096;

    /// <summary>The side of the stored square avatar, in pixels.</summary>
    public int AvatarSize { get; set; } = 256;
}
