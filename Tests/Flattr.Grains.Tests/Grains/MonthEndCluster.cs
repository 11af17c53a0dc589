namespace Flattr.Grains.Tests.Grains;

/// <summary>A <see cref="FlattrCluster"/> whose silos register the month-end reminder at start, as deployed silos do.</summary>
public sealed class MonthEndCluster : FlattrCluster
{
    protected override bool StartsMonthEndReminder => true;
}
