namespace Flattr.Api;

/// <summary>The error codes of OAuth 2 (RFC 6749 5.2 and 4.1.2.1), raised as <see cref="FlattrException.Code"/> by the API grains.</summary>
public static class OAuthErrors
{
    public const string InvalidRequest = "invalid_request";

    /// <summary>Client authentication failed (unknown client, wrong secret, or none given by a confidential client).</summary>
    public const string InvalidClient = "invalid_client";

    /// <summary>The code is unknown, expired, used, issued to another client or redirect URI, or fails its PKCE check.</summary>
    public const string InvalidGrant = "invalid_grant";

    public const string UnauthorizedClient = "unauthorized_client";

    public const string UnsupportedGrantType = "unsupported_grant_type";

    public const string UnsupportedResponseType = "unsupported_response_type";

    public const string InvalidScope = "invalid_scope";

    /// <summary>The user refused the application.</summary>
    public const string AccessDenied = "access_denied";

    /// <summary>The HTTP status of a token endpoint answer with this code.</summary>
    public static int HttpStatusFor(string code) => code == InvalidClient ? 401 : 400;
}
