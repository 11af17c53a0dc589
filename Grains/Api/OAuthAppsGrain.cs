using System.Collections.Immutable;
using Npgsql;
using Orleans;

namespace Flattr.Api;

/// <summary>A developer's registered applications (key = the owner's user id).</summary>
public sealed class OAuthAppsGrain(NpgsqlDataSource dataSource, TimeProvider time) : Grain, IOAuthAppsGrain
{
    readonly OAuthStore _apps = new(dataSource);

    long OwnerId => this.GetPrimaryKeyLong();

    public async Task<RegisteredOAuthApp> Register(OAuthAppRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var valid = registration with { Name = ApiRules.AppName(registration.Name), RedirectUri = ApiRules.RedirectUri(registration.RedirectUri) };
        var secret = valid.Confidential ? ApiSecrets.NewSecret(ApiSecrets.ClientSecretPrefix) : null;
        var app = await _apps.InsertAppAsync(
            OwnerId, ApiSecrets.NewClientId(), valid, secret is null ? null : ApiSecrets.Hash(secret), time.GetUtcNow(), CancellationToken.None);
        return new RegisteredOAuthApp(app, secret);
    }

    public Task<ImmutableArray<OAuthAppInfo>> List() => _apps.ListAppsAsync(OwnerId, CancellationToken.None);

    public async Task<OAuthAppInfo> SetPkceOptional(long appId, bool optional) =>
        await _apps.SetPkceOptionalAsync(OwnerId, appId, optional, CancellationToken.None)
            ?? throw new FlattrException(FlattrErrors.NotFound, $"You have no application {appId}.");

    public async Task Delete(long appId)
    {
        if (!await _apps.DeleteAppAsync(OwnerId, appId, time.GetUtcNow(), CancellationToken.None))
        {
            throw new FlattrException(FlattrErrors.NotFound, $"You have no application {appId}.");
        }
    }
}
