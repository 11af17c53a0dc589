using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Representations;

/// <summary>
/// A user as Flattr API v2 wrote it. The mini form (owners of things, flattrers) has type, resource, link and username;
/// <see cref="Email"/> needs the <c>email</c> scope and <see cref="RegisteredAt"/> the <c>extendedread</c> scope, both
/// only for the user's own token. <see cref="Id"/> is a string, as in Flattr's 2013 API.
/// </summary>
public sealed record UserJson
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "user";

    [JsonPropertyName("resource")]
    public required string Resource { get; init; }

    [JsonPropertyName("link")]
    public required string Link { get; init; }

    [JsonPropertyName("username")]
    public required string Username { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("display_name")]
    public string? DisplayName { get; init; }

    /// <summary>The display name up to its first space (Flattr had separate first and last names).</summary>
    [JsonPropertyName("firstname")]
    public string? Firstname { get; init; }

    [JsonPropertyName("lastname")]
    public string? Lastname { get; init; }

    /// <summary>The user's preferred language, like <c>en_GB</c>.</summary>
    [JsonPropertyName("language")]
    public string? Language { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("registered_at")]
    public long? RegisteredAt { get; init; }
}
