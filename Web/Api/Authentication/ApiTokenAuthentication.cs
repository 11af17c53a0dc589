using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Flattr.Api;
using Flattr.Web.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using Orleans;

namespace Flattr.Web.Api.Authentication;

/// <summary>
/// Bearer tokens (RFC 6750) for the REST API: personal access tokens (checked against their stored hashes) and tokens granted
/// through OAuth 2 (checked by OpenIddict's validation against their entries in <c>oauth_tokens</c>), on every request. Its challenge and forbid answers are Flattr error bodies (<c>unauthorized</c>,
/// <c>insufficient_scope</c>) with the matching <c>WWW-Authenticate</c> header.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "FlattrApiToken";

    const string Realm = "flattr";

    /// <summary>Personal access tokens, and OAuth tokens issued before the server moved onto OpenIddict (they stay valid until revoked).</summary>
    const string PersonalTokenPrefix = "flattr_pat_";
    const string LegacyOAuthTokenPrefix = "flattr_oat_";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryGetPresentedToken(Request, out var token))
        {
            return AuthenticateResult.NoResult();
        }

        if (token is null)
        {
            return AuthenticateResult.Fail("The Authorization header is not a bearer token.");
        }

        var identity = token.StartsWith(PersonalTokenPrefix, StringComparison.Ordinal) || token.StartsWith(LegacyOAuthTokenPrefix, StringComparison.Ordinal)
            ? await StoredTokenAsync(token)
            : await OAuthTokenAsync();
        return identity is null
            ? AuthenticateResult.Fail("The token is not valid or was revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>A personal access token, or an OAuth token issued before OpenIddict: its hash in <c>api_tokens</c>.</summary>
    async Task<ClaimsIdentity?> StoredTokenAsync(string token)
    {
        if (await grains.GetAccessTokenValidator().Validate(token) is not { } grant)
        {
            return null;
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, grant.UserId.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, grant.Username),
            new(ApiClaims.TokenId, "api:" + grant.TokenId.ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(grant.Scopes.Select(scope => new Claim(ApiClaims.Scope, scope)));
        return new ClaimsIdentity(claims, SchemeName);
    }

    /// <summary>A token issued by the OAuth server (OpenIddict): valid while its entry and its authorization are.</summary>
    async Task<ClaimsIdentity?> OAuthTokenAsync()
    {
        var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal.GetClaim(OpenIddictConstants.Claims.Subject) is not { } subject)
        {
            return null;
        }

        var principal = result.Principal;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, subject),
            new(ClaimTypes.Name, principal.GetClaim(OpenIddictConstants.Claims.Name) ?? string.Empty),
            new(ApiClaims.TokenId, "oauth:" + (principal.GetAuthorizationId() ?? principal.GetTokenId())),
        };
        claims.AddRange(ApiScopes.Normalise(principal.GetScopes()).Select(scope => new Claim(ApiClaims.Scope, scope)));
        return new ClaimsIdentity(claims, SchemeName);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var presented = TryGetPresentedToken(Request, out _);
        Response.Headers.WWWAuthenticate = presented
            ? $"Bearer realm=\"{Realm}\", error=\"invalid_token\""
            : $"Bearer realm=\"{Realm}\"";
        return ApiErrors.WriteAsync(
            Context,
            ApiErrorCodes.Unauthorized,
            presented ? "The access token is not valid or was revoked." : "This resource needs an access token (Authorization: Bearer <token>).",
            Context.RequestAborted);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scope = Context.GetEndpoint()?.Metadata.GetMetadata<RequiredScopeMetadata>()?.Scope;
        Response.Headers.WWWAuthenticate = scope is null
            ? $"Bearer realm=\"{Realm}\", error=\"insufficient_scope\""
            : $"Bearer realm=\"{Realm}\", error=\"insufficient_scope\", scope=\"{scope}\"";
        return ApiErrors.WriteAsync(
            Context,
            ApiErrorCodes.InsufficientScope,
            scope is null ? "The access token lacks the scope this needs." : $"The access token lacks the '{scope}' scope this needs.",
            Context.RequestAborted);
    }

    /// <summary>Whether the request presents credentials at all; <paramref name="token"/> is null when they are not a bearer token.</summary>
    public static bool TryGetPresentedToken(HttpRequest request, out string? token)
    {
        ArgumentNullException.ThrowIfNull(request);
        token = null;
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        const string Bearer = "Bearer ";
        if (header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) && header.Length > Bearer.Length)
        {
            token = header[Bearer.Length..].Trim();
        }

        return true;
    }
}
