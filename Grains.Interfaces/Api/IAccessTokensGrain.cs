using System.Collections.Immutable;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Api;

/// <summary>
/// One user's API access tokens (key = user id): personal tokens made on the settings page and the tokens granted to
/// applications. Secrets are generated here and stored only as SHA-256 hashes.
/// </summary>
[Alias("Flattr.IAccessTokensGrain")]
public interface IAccessTokensGrain : IGrainWithIntegerKey
{
    /// <summary>A new personal token: a name of 1–60 characters and known scopes (<c>invalid_parameters</c> otherwise).</summary>
    Task<IssuedAccessToken> CreatePersonal(string name, ImmutableArray<string> scopes);

    /// <summary>Every personal token of the user (and OAuth token issued before OpenIddict), active ones first, newest first.</summary>
    [ReadOnly]
    Task<ImmutableArray<AccessTokenInfo>> List();

    /// <summary>The applications the user allowed and has not revoked, one entry per application.</summary>
    [ReadOnly]
    Task<ImmutableArray<OAuthGrant>> ListGrants();

    /// <summary>Revokes one of the user's tokens at once (<c>not_found</c> if it is not theirs); revoking twice changes nothing.</summary>
    Task Revoke(long tokenId);

    /// <summary>Revokes everything the user granted to an application (its authorizations and their tokens); returns how many were active.</summary>
    Task<int> RevokeApp(long appId);
}
