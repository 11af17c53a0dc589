using Flattr.Settlement;

namespace Flattr.Payouts;

/// <summary>How long until a settling month is likely done, from its progress: the time per giver so far times the givers left.</summary>
public static class SettlementWait
{
    static readonly TimeSpan Shortest = TimeSpan.FromMinutes(1);
    static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    public static TimeSpan Estimate(SettlementProgress progress, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.GiversDone <= 0 || progress.GiversDone >= progress.Givers || (progress.StartedAt ?? progress.PlannedAt) is not { } start)
        {
            return Shortest;
        }

        var perGiver = (now - start) / progress.GiversDone;
        var left = perGiver * (progress.Givers - progress.GiversDone);
        return left < Shortest ? Shortest : left > Longest ? Longest : left;
    }

    /// <summary>Whole minutes, rounded up (at least one).</summary>
    public static int Minutes(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
}
