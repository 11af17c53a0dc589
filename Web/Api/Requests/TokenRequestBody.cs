using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Requests;

/// <summary>
/// A request to the OAuth 2 token endpoint (form-encoded per RFC 6749, or JSON as Flattr also took). The client authenticates
/// with HTTP Basic, or with <see cref="ClientId"/> and <see cref="ClientSecret"/> in the body; a public client sends only its id.
/// </summary>
public sealed record TokenRequestBody
{
    [JsonPropertyName("grant_type")]
    public string? GrantType { get; init; }

    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("redirect_uri")]
    public string? RedirectUri { get; init; }

    [JsonPropertyName("code_verifier")]
    public string? CodeVerifier { get; init; }

    [JsonPropertyName("client_id")]
    public string? ClientId { get; init; }

    [JsonPropertyName("client_secret")]
    public string? ClientSecret { get; init; }
}
