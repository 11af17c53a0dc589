using System.Text.Json.Serialization;

namespace Flattr.Web.Api.Representations;

/// <summary><c>GET /rate_limit</c>: the caller's hourly window (per token, or per address without one).</summary>
public sealed record RateLimitJson(
    [property: JsonPropertyName("hourly_limit")] int HourlyLimit,
    [property: JsonPropertyName("remaining_hits")] int RemainingHits,
    [property: JsonPropertyName("current_hits")] int CurrentHits,
    [property: JsonPropertyName("reset_time_in_seconds")] long ResetTimeInSeconds,
    [property: JsonPropertyName("reset_time")] string ResetTime);
