namespace Flattr.Testing;

/// <summary>Waits for an effect that happens on another thread (a reminder tick, a deactivation), with a deadline on the real clock.</summary>
public static class Eventually
{
    /// <summary>
    /// The deadline when a test gives none: generous, as the whole suite shares 2 cores (several test hosts, silos, PostgreSQL
    /// and Chromium at once) and a deadline only says when to give up; a condition that holds returns at once.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/> otherwise.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not true after {timeout ?? DefaultTimeout}: {what}.");
            }

            await Task.Delay(20);
        }
    }

    /// <inheritdoc cref="TrueAsync(Func{Task{bool}}, string, TimeSpan?)"/>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return TrueAsync(() => Task.FromResult(condition()), what, timeout);
    }
}
