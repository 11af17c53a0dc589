using System.Collections.Immutable;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Api;

/// <summary>The applications a user registered as a developer (key = the owner's user id).</summary>
[Alias("Flattr.IOAuthAppsGrain")]
public interface IOAuthAppsGrain : IGrainWithIntegerKey
{
    /// <summary>Registers an application: <c>invalid_parameters</c> for a bad name or redirect URI.</summary>
    Task<RegisteredOAuthApp> Register(OAuthAppRegistration registration);

    /// <summary>The owner's applications, newest first (deleted ones left out).</summary>
    [ReadOnly]
    Task<ImmutableArray<OAuthAppInfo>> List();

    /// <summary>
    /// Lets one of the owner's confidential applications leave PKCE out (or requires it again): <c>not_found</c> if not
    /// theirs, <c>invalid_parameters</c> for a public application, which always needs PKCE.
    /// </summary>
    Task<OAuthAppInfo> SetPkceOptional(long appId, bool optional);

    /// <summary>Deletes one of the owner's applications and revokes every token granted to it (<c>not_found</c> if not theirs).</summary>
    Task Delete(long appId);
}
