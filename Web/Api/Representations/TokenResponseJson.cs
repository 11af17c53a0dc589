using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Representations;

/// <summary>The OAuth 2 token endpoint's answer (RFC 6749 5.1): Flattr's tokens do not expire and have no refresh token.</summary>
public sealed record TokenResponseJson(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("scope")] string Scope);
