using Npgsql;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Api;

/// <summary>Checks bearer tokens: stateless, so local workers serve API requests side by side.</summary>
[StatelessWorker]
public sealed class AccessTokenValidatorGrain(NpgsqlDataSource dataSource, TimeProvider time) : Grain, IAccessTokenValidatorGrain
{
    /// <summary>Prefix, 43 characters of secret, and some slack: anything longer is not ours and is not even hashed.</summary>
    const int MaximumTokenLength = 100;

    readonly AccessTokenStore _tokens = new(dataSource);

    public Task<AccessTokenGrant?> Validate(string token)
    {
        if (token is not { Length: <= MaximumTokenLength }
            || !(token.StartsWith(ApiSecrets.PersonalTokenPrefix, StringComparison.Ordinal)
                 || token.StartsWith(ApiSecrets.OAuthTokenPrefix, StringComparison.Ordinal)))
        {
            return Task.FromResult<AccessTokenGrant?>(null);
        }

        return _tokens.FindActiveAsync(ApiSecrets.Hash(token), time.GetUtcNow(), CancellationToken.None);
    }
}
