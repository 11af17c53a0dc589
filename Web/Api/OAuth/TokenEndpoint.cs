using System.Net.Http.Headers;
using System.Text;
using Flattr.Api;
using Flattr.Web.Api.Endpoints;
using Flattr.Web.Api.Errors;
using Flattr.Web.Api.Hosting;
using Flattr.Web.Api.Json;
using Flattr.Web.Api.RateLimiting;
using Flattr.Web.Api.Representations;
using Flattr.Web.Api.Requests;
using Orleans;

namespace Flattr.Web.Api.OAuth;

/// <summary>
/// <c>POST /oauth/token</c>, the authorization code grant (RFC 6749 4.1.3) with PKCE (RFC 7636): the client authenticates with
/// HTTP Basic as Flattr's clients did (or with client_id and client_secret in the body; a public client sends only its id).
/// The code verifier is required when the code was issued with a challenge, which the grain checks: a confidential application
/// whose owner made PKCE optional exchanges a code issued without one by its secret alone.
/// </summary>
public static class TokenEndpoint
{
    public const string Path = "/oauth/token";

    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(Path, ExchangeAsync)
            .AddEndpointFilter<ApiErrorFilter>()
            .RequireRateLimiting(ApiRateLimitPolicy.Name)
            .WithGroupName(ApiComposition.DocumentName)
            .WithName("Token").WithSummary("Exchanges an authorization code (with its PKCE verifier when it was issued with a challenge) for an access token.").WithTags("OAuth")
            .AcceptsBody<TokenRequestBody>()
            .Produces<TokenResponseJson>().ProducesErrors(400, 401, 413, 415);
        return endpoints;
    }

    static async Task<IResult> ExchangeAsync(HttpContext http, IGrainFactory grains)
    {
        var body = await ApiRequestBody.ReadAsync(http, ApiJsonContext.Default.TokenRequestBody) ?? new TokenRequestBody();
        if (body.GrantType != "authorization_code")
        {
            throw new FlattrException(OAuthErrors.UnsupportedGrantType, "Only grant_type=authorization_code is supported.");
        }

        var basic = BasicCredentials(http.Request);
        if (basic is not null && body.ClientId is not null && body.ClientId != basic.Value.ClientId)
        {
            throw new FlattrException(OAuthErrors.InvalidRequest, "The client_id in the body differs from the HTTP Basic one.");
        }

        var clientId = basic?.ClientId ?? body.ClientId;
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(body.Code) || string.IsNullOrEmpty(body.RedirectUri))
        {
            throw new FlattrException(OAuthErrors.InvalidRequest, "client_id (or HTTP Basic), code and redirect_uri are required.");
        }

        IssuedAccessToken issued;
        try
        {
            issued = await grains.GetOAuthServer().ExchangeCode(
                new CodeExchange(clientId, basic?.ClientSecret ?? body.ClientSecret, body.Code, body.RedirectUri,
                    string.IsNullOrEmpty(body.CodeVerifier) ? null : body.CodeVerifier));
        }
        catch (FlattrException e) when (e.Code == OAuthErrors.InvalidClient && basic is not null)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"flattr\"";
            throw;
        }

        // RFC 6749 5.1: answers carrying tokens are never cached.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        return ApiResults.Json(
            new TokenResponseJson(issued.Secret, "bearer", ApiScopes.Format(issued.Token.Scopes)),
            ApiJsonContext.Default.TokenResponseJson);
    }

    /// <summary>RFC 6749 2.3.1: client id and secret, each form-encoded, joined by a colon, in base64.</summary>
    static (string ClientId, string ClientSecret)? BasicCredentials(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException e)
        {
            throw new FlattrException(OAuthErrors.InvalidClient, "The HTTP Basic credentials are not base64.", e);
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? throw new FlattrException(OAuthErrors.InvalidClient, "The HTTP Basic credentials lack a colon.")
            : (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
    }
}
