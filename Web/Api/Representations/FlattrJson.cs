using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Representations;

/// <summary>A flattr: the mini thing (with its owner), the flattrer as a mini user, and when (unix seconds).</summary>
public sealed record FlattrJson
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "flattr";

    [JsonPropertyName("thing")]
    public required ThingJson Thing { get; init; }

    [JsonPropertyName("owner")]
    public required UserJson Owner { get; init; }

    [JsonPropertyName("created_at")]
    public required long CreatedAt { get; init; }

    /// <summary>Only in the giver's own listings: whether the flattr is hidden from everyone else.</summary>
    [JsonPropertyName("anonymous")]
    public bool? Anonymous { get; init; }
}
