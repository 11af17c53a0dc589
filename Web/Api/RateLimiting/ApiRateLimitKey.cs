namespace Flattr.Web.Api.RateLimiting;

/// <summary>
/// A rate-limit partition: one caller (a token, or a client address without one) in one clock hour (UTC). A new hour is a new
/// partition, so every window starts full and ends on the hour, like Flattr's hourly counter.
/// </summary>
public readonly record struct ApiRateLimitKey(string Caller, long Hour)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public DateTimeOffset WindowEnd => DateTimeOffset.FromUnixTimeSeconds((Hour + 1) * (long)Window.TotalSeconds);

    public static long HourOf(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / (long)Window.TotalSeconds;
}
