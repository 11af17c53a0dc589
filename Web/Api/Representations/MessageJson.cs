using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Representations;

/// <summary>
/// Flattr's answer to a change: <c>{"message": "ok", "description": "…"}</c>, with the new thing's id and link after a
/// creation, the location after a look-up, or the mini thing after a flattr or subscription.
/// </summary>
public sealed record MessageJson
{
    [JsonPropertyName("message")]
    public required string Message { get; init; }

    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("id")]
    public long? Id { get; init; }

    [JsonPropertyName("link")]
    public string? Link { get; init; }

    [JsonPropertyName("location")]
    public string? Location { get; init; }

    [JsonPropertyName("thing")]
    public ThingJson? Thing { get; init; }
}
