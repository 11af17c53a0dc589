using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Flattr.Api;
using Flattr.Web.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orleans;

namespace Flattr.Web.Api.Authentication;

/// <summary>
/// Bearer tokens (RFC 6750) for the REST API: personal access tokens and tokens granted through OAuth 2, checked against
/// their stored hashes on every request. Its challenge and forbid answers are Flattr error bodies (<c>unauthorized</c>,
/// <c>insufficient_scope</c>) with the matching <c>WWW-Authenticate</c> header.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "FlattrApiToken";

    const string Realm = "flattr";

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

        var grant = await grains.GetAccessTokenValidator().Validate(token);
        if (grant is null)
        {
            return AuthenticateResult.Fail("The token is not valid or was revoked.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, grant.UserId.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, grant.Username),
            new(ApiClaims.TokenId, grant.TokenId.ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(grant.Scopes.Select(scope => new Claim(ApiClaims.Scope, scope)));
        if (grant.AppId is { } appId)
        {
            claims.Add(new Claim(ApiClaims.AppId, appId.ToString(CultureInfo.InvariantCulture)));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
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
