using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Representations;

/// <summary>
/// Flattr's error body, <c>{"error": "flattr_once", "error_description": "…", "error_uri": "…"}</c> (the shape of OAuth 2
/// errors). The look-up's "not found" also carries Flattr's older <c>message</c> and <c>description</c> fields.
/// </summary>
public sealed record ErrorJson
{
    [JsonPropertyName("error")]
    public required string Error { get; init; }

    [JsonPropertyName("error_description")]
    public required string ErrorDescription { get; init; }

    [JsonPropertyName("error_uri")]
    public string? ErrorUri { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }
}
