using Orleans;

namespace Flattr.Users;

[GenerateSerializer, Alias("Flattr.EmailChangeOutcome")]
public enum EmailChangeOutcome
{
    Changed,

    /// <summary>Unknown, used, expired or another user's token.</summary>
    Invalid,

    /// <summary>The address was registered by another account after the token was mailed.</summary>
    Taken,
}
