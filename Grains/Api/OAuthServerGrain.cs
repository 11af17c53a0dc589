using Npgsql;
using Orleans;
using Orleans.Concurrency;

namespace Flattr.Api;

/// <summary>
/// The authorization server: codes bound to a PKCE S256 challenge (or, for a confidential application whose owner made PKCE
/// optional, to nothing but the application and its secret), valid for <see cref="CodeLifetime"/> and used at most
/// once, exchanged for access tokens by authenticated clients. Stateless: local workers serve it side by side.
/// </summary>
[StatelessWorker]
public sealed class OAuthServerGrain(NpgsqlDataSource dataSource, TimeProvider time) : Grain, IOAuthServerGrain
{
    /// <summary>RFC 6749 4.1.2 recommends at most 10 minutes; a client exchanges its code within seconds.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    static readonly TimeSpan SweepPeriod = TimeSpan.FromHours(1);

    readonly OAuthStore _store = new(dataSource);
    DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public async Task<OAuthAppInfo?> FindClient(string clientId) =>
        IsClientId(clientId) && await _store.FindAppAsync(clientId, CancellationToken.None) is { } found ? found.App : null;

    public async Task<string> IssueCode(AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var app = IsClientId(request.ClientId) && await _store.FindAppAsync(request.ClientId, CancellationToken.None) is { } found
            ? found.App
            : throw new FlattrException(OAuthErrors.InvalidClient, "There is no application with this client id.");
        if (!string.Equals(request.RedirectUri, app.RedirectUri, StringComparison.Ordinal))
        {
            throw new FlattrException(OAuthErrors.InvalidRequest, "The redirect URI is not the one registered for the application.");
        }

        if (request.CodeChallenge is null)
        {
            if (!app.PkceOptional)
            {
                throw new FlattrException(OAuthErrors.InvalidRequest, "A PKCE code challenge (S256) is required.");
            }
        }
        else if (request.CodeChallenge is not { Length: 43 } || !request.CodeChallenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new FlattrException(OAuthErrors.InvalidRequest, "A PKCE code challenge (S256, 43 base64url characters) is required.");
        }

        var scopes = request.Scopes.IsDefault ? [] : request.Scopes;
        if (scopes.Any(s => !ApiScopes.IsKnown(s)))
        {
            throw new FlattrException(OAuthErrors.InvalidScope, "Unknown scope.");
        }

        var now = time.GetUtcNow();
        await SweepIfDueAsync(now);
        var code = ApiSecrets.NewSecret(ApiSecrets.CodePrefix);
        await _store.InsertCodeAsync(
            ApiSecrets.Hash(code), app.Id, request with { Scopes = ApiScopes.Normalise(scopes) }, now, now + CodeLifetime, CancellationToken.None);
        return code;
    }

    public async Task<IssuedAccessToken> ExchangeCode(CodeExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (!IsClientId(exchange.ClientId) || await _store.FindAppAsync(exchange.ClientId, CancellationToken.None) is not { } client)
        {
            throw new FlattrException(OAuthErrors.InvalidClient, "Client authentication failed.");
        }

        var (app, secretHash) = client;
        if (secretHash is not null && !ApiSecrets.Verify(exchange.ClientSecret, secretHash))
        {
            throw new FlattrException(OAuthErrors.InvalidClient, "Client authentication failed.");
        }

        if (string.IsNullOrEmpty(exchange.Code) || exchange.Code.Length > 100)
        {
            throw new FlattrException(OAuthErrors.InvalidGrant, "The authorization code is not valid.");
        }

        var now = time.GetUtcNow();
        var secret = ApiSecrets.NewSecret(ApiSecrets.OAuthTokenPrefix);
        var token = await _store.ExchangeCodeAsync(
            ApiSecrets.Hash(exchange.Code),
            code => code.AppId != app.Id || code.ExpiresAt <= now
                || !string.Equals(code.RedirectUri, exchange.RedirectUri, StringComparison.Ordinal)
                || !ProvesPossession(code, app, secretHash, exchange.CodeVerifier)
                    ? OAuthErrors.InvalidGrant
                    : null,
            _ => (app.Name, ApiSecrets.Hash(secret)),
            now,
            CancellationToken.None);
        return new IssuedAccessToken(token, secret);
    }

    /// <summary>
    /// A code bound to a challenge needs its verifier (no downgrade by leaving it out). A code without one was issued to a
    /// confidential application that made PKCE optional: it still must be (the secret was checked), and it may not send a
    /// verifier that nothing was bound to (OAuth 2.1 4.1.3, against a downgrade the other way).
    /// </summary>
    static bool ProvesPossession(RedeemedCode code, OAuthAppInfo app, byte[]? secretHash, string? verifier) =>
        code.CodeChallenge is { } challenge
            ? ApiSecrets.VerifyPkce(verifier, challenge)
            : verifier is null && secretHash is not null && app.PkceOptional;

    async Task SweepIfDueAsync(DateTimeOffset now)
    {
        if (now - _lastSweep >= SweepPeriod)
        {
            _lastSweep = now;
            await _store.SweepCodesAsync(now, CancellationToken.None);
        }
    }

    static bool IsClientId(string? clientId) =>
        clientId is { Length: >= 16 and <= 64 } && clientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
