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

    /// <summary>The user's web site: empty, as users have none here (full users only; Flattr's clients read it).</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary>What the user says about themselves: empty, as users have no such text here (full users only).</summary>
    [JsonPropertyName("about")]
    public string? About { get; init; }

    /// <summary>The picture's address: empty, as users have none here (full users only).</summary>
    [JsonPropertyName("avatar")]
    public string? Avatar { get; init; }

    [JsonPropertyName("city")]
    public string? City { get; init; }

    [JsonPropertyName("country")]
    public string? Country { get; init; }

    /// <summary>1: the user can flattr others (every account gives and receives here).</summary>
    [JsonPropertyName("active_supporter")]
    public int? ActiveSupporter { get; init; }

    /// <summary>The user's preferred language, like <c>en_GB</c>.</summary>
    [JsonPropertyName("language")]
    public string? Language { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("registered_at")]
    public long? RegisteredAt { get; init; }
}
