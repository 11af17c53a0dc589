namespace Flattr.Settlement.Load;

/// <summary>Time stands still at the moment the month is settled.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
