namespace Flattr.Grains.Tests.Ledger;

/// <summary>A clock the test moves by hand (Microsoft.Extensions.TimeProvider.Testing is not in the feed).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);

    /// <summary>Puts the clock at the given day of a month, noon UTC.</summary>
    public void SetDay(DateOnly month, int day = 15) => Set(new DateTimeOffset(month.Year, month.Month, day, 12, 0, 0, TimeSpan.Zero));
}
