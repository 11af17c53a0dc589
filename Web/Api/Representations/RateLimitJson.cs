namespace Flattr.Web.Api.Representations;

/// <summary><c>GET /rate_limit</c>: the caller's hourly window (per token, or per address without one).</summary>
public sealed record RateLimitJson(int HourlyLimit, int RemainingHits, int CurrentHits, long ResetTimeInSeconds, string ResetTime);
