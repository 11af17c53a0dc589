namespace Flattr.Things;

/// <summary>A <c>thing_month_counts</c> row: the count and the version that orders updates to it.</summary>
public readonly record struct StoredMonthCount(Month Month, long Clicks, long Version);
