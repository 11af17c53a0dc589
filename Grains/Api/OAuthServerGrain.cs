using Npgsql;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Api;

/// <summary>
/// Looks up the applications OpenIddict serves (the consent page names them). The protocol itself (codes, PKCE, tokens) is
/// OpenIddict's, in the web. Stateless: local workers serve it side by side.
/// </summary>
[StatelessWorker]
public sealed class OAuthServerGrain(NpgsqlDataSource dataSource) : Grain, IOAuthServerGrain
{
    readonly OAuthStore _store = new(dataSource);

    public async Task<OAuthAppInfo?> FindClient(string clientId) =>
        IsClientId(clientId) && await _store.FindAppAsync(clientId, CancellationToken.None) is { } found ? found.App : null;

    static bool IsClientId(string? clientId) =>
        clientId is { Length: >= 16 and <= 64 } && clientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
