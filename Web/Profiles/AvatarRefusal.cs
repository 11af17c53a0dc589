namespace Flattr.Web.Profiles;

/// <summary>Why an upload did not become an avatar.</summary>
public enum AvatarRefusal
{
    None,
    NotAnImage,
    TooLarge,
    TooManyPixels,
}
