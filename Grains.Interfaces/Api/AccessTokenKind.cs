using Orleans;

namespace Flattr.Api;

[GenerateSerializer, Alias("Flattr.AccessTokenKind")]
public enum AccessTokenKind
{
    /// <summary>Created by the user on the settings page, for their own scripts.</summary>
    Personal,

    /// <summary>Granted to a third-party application through OAuth 2.</summary>
    OAuth,
}
