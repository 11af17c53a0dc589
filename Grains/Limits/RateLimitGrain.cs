using Orleans;

namespace Flattr.Limits;

/// <summary>
/// A shared fixed-window counter (see <see cref="IRateLimitGrain"/>). Memory only: the activation is kept until its window
/// ends (<see cref="Grain.DelayDeactivation"/>), then collected after two idle minutes. A silo that dies takes its counts
/// with it: the callers of those limits start a fresh window on the survivor (lenient for one window, never stricter).
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class RateLimitGrain(TimeProvider time) : Grain, IRateLimitGrain
{
    DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    TimeSpan _window;
    int _used;

    public Task<RateLimitWindow> Acquire(RateLimitRule rule, int permits)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentOutOfRangeException.ThrowIfNegative(permits);
        var end = Roll(rule);
        var acquired = _used + permits <= rule.PermitLimit;
        if (acquired)
        {
            _used += permits;
        }

        var now = time.GetUtcNow();
        if (end > now)
        {
            DelayDeactivation(end - now);
        }

        return Task.FromResult(Window(rule, acquired, end));
    }

    public Task<RateLimitWindow> Peek(RateLimitRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var end = Roll(rule);
        return Task.FromResult(Window(rule, _used < rule.PermitLimit, end));
    }

    /// <summary>Moves to the window that holds now (a new one starts empty); returns its end.</summary>
    DateTimeOffset Roll(RateLimitRule rule)
    {
        if (rule.Window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), rule.Window, "A rate limit's window must be positive.");
        }

        var now = time.GetUtcNow();
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % rule.Window.Ticks), TimeSpan.Zero);
        if (start != _windowStart || rule.Window != _window)
        {
            _windowStart = start;
            _window = rule.Window;
            _used = 0;
        }

        return start + rule.Window;
    }

    RateLimitWindow Window(RateLimitRule rule, bool acquired, DateTimeOffset end) =>
        new(acquired, rule.PermitLimit, Math.Max(0, rule.PermitLimit - _used), end);
}
