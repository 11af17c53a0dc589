using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Representations;

/// <summary>
/// A subscription: it flattrs the thing once every month while active (false = paused). <see cref="Months"/> is the term
/// (3, 6 or 12; absent = until cancelled); <see cref="StartedAt"/> is when it started or last resumed (as on Flattr); times
/// are unix seconds.
/// </summary>
public sealed record SubscriptionJson
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "subscription";

    [JsonPropertyName("active")]
    public required bool Active { get; init; }

    [JsonPropertyName("created_at")]
    public required long CreatedAt { get; init; }

    [JsonPropertyName("started_at")]
    public required long StartedAt { get; init; }

    [JsonPropertyName("months")]
    public int? Months { get; init; }

    [JsonPropertyName("thing")]
    public required ThingJson Thing { get; init; }
}
