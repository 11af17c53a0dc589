using System.Collections.Immutable;
using Npgsql;
using Orleans;

namespace Flattr.Api;

/// <summary>A user's API tokens (key = user id). Holds nothing in memory: the table is the truth, so revocations are immediate.</summary>
public sealed class AccessTokensGrain(NpgsqlDataSource dataSource, TimeProvider time) : Grain, IAccessTokensGrain
{
    readonly AccessTokenStore _tokens = new(dataSource);

    long UserId => this.GetPrimaryKeyLong();

    public async Task<IssuedAccessToken> CreatePersonal(string name, ImmutableArray<string> scopes)
    {
        var validName = ApiRules.TokenName(name);
        var validScopes = ApiRules.Scopes(scopes);
        var secret = ApiSecrets.NewSecret(ApiSecrets.PersonalTokenPrefix);
        var token = await _tokens.InsertAsync(
            UserId, AccessTokenKind.Personal, validName, appId: null, validScopes, ApiSecrets.Hash(secret), time.GetUtcNow(), CancellationToken.None);
        return new IssuedAccessToken(token, secret);
    }

    public Task<ImmutableArray<AccessTokenInfo>> List() => _tokens.ListAsync(UserId, CancellationToken.None);

    public async Task Revoke(long tokenId)
    {
        if (!await _tokens.RevokeAsync(UserId, tokenId, time.GetUtcNow(), CancellationToken.None))
        {
            throw new FlattrException(FlattrErrors.NotFound, $"You have no token {tokenId}.");
        }
    }

    public Task<ImmutableArray<OAuthGrant>> ListGrants() => _tokens.ListGrantsAsync(UserId, CancellationToken.None);

    public Task<int> RevokeApp(long appId) => _tokens.RevokeAppAsync(UserId, appId, time.GetUtcNow(), CancellationToken.None);
}
