using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Representations;

/// <summary>
/// A thing as Flattr API v2 wrote it. The mini form (in flattrs, subscriptions, answers to a flattr) leaves the optional
/// fields out; <see cref="Flattred"/> and <see cref="Subscribed"/> appear for a caller with a token, <see cref="LastFlattrAt"/>
/// and <see cref="UpdatedAt"/> only for the thing's owner. Times are unix seconds.
/// </summary>
public sealed record ThingJson
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "thing";

    [JsonPropertyName("resource")]
    public required string Resource { get; init; }

    [JsonPropertyName("link")]
    public required string Link { get; init; }

    [JsonPropertyName("id")]
    public required long Id { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }

    /// <summary>Flattrs of all time.</summary>
    [JsonPropertyName("flattrs")]
    public required long Flattrs { get; init; }

    /// <summary>Flattrs this calendar month (UTC), live.</summary>
    [JsonPropertyName("flattrs_this_month")]
    public long? FlattrsThisMonth { get; init; }

    /// <summary>The thing's picture; an empty string when it has none (Flattr always wrote the field; no thing has one here).</summary>
    [JsonPropertyName("image")]
    public string Image { get; init; } = string.Empty;

    /// <summary>How many different users flattred it, of all time (full things only).</summary>
    [JsonPropertyName("flattrs_user_count")]
    public long? FlattrsUserCount { get; init; }

    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<string>? Tags { get; init; }

    [JsonPropertyName("language")]
    public string? Language { get; init; }

    [JsonPropertyName("category")]
    public string? Category { get; init; }

    [JsonPropertyName("created_at")]
    public long? CreatedAt { get; init; }

    [JsonPropertyName("owner")]
    public UserJson? Owner { get; init; }

    [JsonPropertyName("hidden")]
    public bool? Hidden { get; init; }

    [JsonPropertyName("flattred")]
    public bool? Flattred { get; init; }

    [JsonPropertyName("subscribed")]
    public bool? Subscribed { get; init; }

    [JsonPropertyName("last_flattr_at")]
    public long? LastFlattrAt { get; init; }

    [JsonPropertyName("updated_at")]
    public long? UpdatedAt { get; init; }
}
